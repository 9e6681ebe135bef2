using Microsoft.EntityFrameworkCore;
using OnePlace.Core.Access;
using OnePlace.Core.Referrals;
using OnePlace.Core.Staff;
using OnePlace.Core.Store;

namespace OnePlace.Core.CarePlans;

/// <summary>Why a change to a care plan was not made. Nothing is changed when one is reported.</summary>
public enum CarePlanProblem
{
    /// <summary>No such referral, care plan, goal or task.</summary>
    NotFound,

    /// <summary>Only an accepted referral still with a team can have a care plan started or added to.</summary>
    ReferralNotInCare,

    /// <summary>The referral already has its care plan (one per referral).</summary>
    AlreadyStarted,

    /// <summary>The goal or task needs a description.</summary>
    DescriptionRequired,

    /// <summary>The description is longer than <see cref="ChangeCarePlan.DescriptionMaxLength"/>.</summary>
    DescriptionTooLong,

    /// <summary>The goal status is not one of <see cref="CareGoalStatus.All"/>.</summary>
    UnknownGoalStatus,

    /// <summary>The task is given to a team that is not in the directory.</summary>
    UnknownTeam,

    /// <summary>A due or target date is before today.</summary>
    DateInThePast,

    /// <summary>The task has already been completed or cancelled.</summary>
    TaskAlreadyEnded,

    /// <summary>A cancelled task needs a reason.</summary>
    ReasonRequired,
}

/// <summary>The change to a care plan is not allowed or names something unknown; nothing was changed.</summary>
public sealed class CarePlanChangeException : Exception
{
    public CarePlanChangeException()
        : this(CarePlanProblem.NotFound)
    {
    }

    public CarePlanChangeException(CarePlanProblem problem, string? field = null)
        : base($"The care plan was not changed: {problem}.")
    {
        Problem = problem;
        Field = field;
    }

    public CarePlanChangeException(string message)
        : base(message)
    {
    }

    public CarePlanChangeException(string message, Exception innerException)
        : base(message, innerException)
    {
    }

    public CarePlanProblem Problem { get; }

    /// <summary>The input the problem is about (<c>description</c>, <c>status</c>, <c>teamCode</c>, <c>date</c>, <c>reason</c>).</summary>
    public string? Field { get; }
}

/// <summary>Someone else changed the care plan or task since it was read; nothing was changed (optimistic concurrency).</summary>
public sealed class CarePlanConflictException : Exception
{
    public CarePlanConflictException()
        : base("The care plan has changed since you read it. Read it again and redo your change.")
    {
    }

    public CarePlanConflictException(string message)
        : base(message)
    {
    }

    public CarePlanConflictException(string message, Exception innerException)
        : base(message, innerException)
    {
    }
}

/// <summary>The kinds of event a care plan change writes to its referral's history.</summary>
public static class CarePlanEventKind
{
    public const string Started = "care_plan.started";
    public const string GoalAdded = "care_plan.goal_added";
    public const string GoalStatus = "care_plan.goal_status";
    public const string TaskAdded = "care_plan.task_added";
    public const string TaskCompleted = "care_plan.task_completed";
    public const string TaskCancelled = "care_plan.task_cancelled";
}

/// <summary>
/// Changes to the shared care plan of a referral (PRODUCT.md B5): start it once the team has accepted the referral,
/// add goals agreed with the person and set their status, give tasks to any team in the directory (across
/// organisations) with an optional due date, and complete or cancel them. Plan-level changes carry the plan's
/// <see cref="CarePlan.Version"/>, task completions the task's <see cref="CareTask.Version"/>, so that no one's change
/// is silently overwritten while the holding team and the task's team work on the same plan. Each change is checked
/// (<see cref="MayChangePlan"/>, <see cref="MayEndTask"/>), and writes a <see cref="ReferralEvent"/> and one audit row
/// for the person in the same SaveChanges.
/// </summary>
public sealed class ChangeCarePlan(OnePlaceDb db, AuditWriter audit, TimeProvider clock)
{
    public const int DescriptionMaxLength = 500;

    /// <summary>
    /// Whether <paramref name="actor"/> may start, or add to, the care plan of a referral held by
    /// <paramref name="holdingTeam"/>: practitioners and team managers of the holding team (or of no team in
    /// particular, as <see cref="ChangeReferral.MayApply"/> has it): <see cref="Permission.PlanCare"/>. Coordinators
    /// and stewards do not plan care; administrators run the service, not care (least privilege).
    /// </summary>
    public static bool MayChangePlan(StaffActor actor, string? holdingTeam) =>
        !actor.IsClientSystem && actor.May(Permission.PlanCare) && actor.TeamCode is not null && actor.TeamCode == holdingTeam;

    /// <summary>
    /// Whether <paramref name="actor"/> may complete or cancel a task: the team it was given to, or the team holding
    /// the referral that set it.
    /// </summary>
    public static bool MayEndTask(StaffActor actor, string assignedTeam, string? holdingTeam) =>
        MayChangePlan(actor, holdingTeam) || (!actor.IsClientSystem && actor.May(Permission.PlanCare) && actor.TeamCode == assignedTeam);

    /// <summary>Starts the care plan of an accepted referral; a referral has one care plan.</summary>
    /// <exception cref="PersonAccessDeniedException">The actor may not plan this referral's care.</exception>
    /// <exception cref="CarePlanChangeException">The referral is not in care with a team, or already has a plan.</exception>
    public async Task<CarePlan> StartAsync(StaffActor actor, Guid referralId, CancellationToken cancellationToken = default)
    {
        var referral = await RequireReferralAsync(referralId, cancellationToken);
        await RefuseUnlessAsync(MayChangePlan(actor, referral.TeamCode), actor, referral, "start", cancellationToken);
        RequireInCare(referral);
        if (await db.CarePlans.AnyAsync(p => p.ReferralId == referralId, cancellationToken))
        {
            throw new CarePlanChangeException(CarePlanProblem.AlreadyStarted);
        }

        var now = Now;
        var plan = new CarePlan { Id = Guid.NewGuid(), PersonId = referral.PersonId, ReferralId = referral.Id, CreatedAtUtc = now, Version = 1 };
        db.CarePlans.Add(plan);
        Record(actor, referral, CarePlanEventKind.Started, $"plan={plan.Id}", now);
        try
        {
            await db.SaveChangesAsync(cancellationToken);
        }
        catch (DbUpdateException)
        {
            db.ChangeTracker.Clear();
            if (await db.CarePlans.AsNoTracking().AnyAsync(p => p.ReferralId == referralId, cancellationToken))
            {
                // Started by someone else between the check and the save: the unique index on the referral kept it to one.
                throw new CarePlanChangeException(CarePlanProblem.AlreadyStarted);
            }

            throw;
        }

        return plan;
    }

    /// <summary>Adds a goal, agreed with the person, to the plan (status active).</summary>
    /// <exception cref="PersonAccessDeniedException">The actor may not plan this referral's care.</exception>
    /// <exception cref="CarePlanChangeException">The goal is not described, or its target date has passed.</exception>
    /// <exception cref="CarePlanConflictException">The plan has moved on from <paramref name="expectedPlanVersion"/>.</exception>
    public async Task<CareGoal> AddGoalAsync(StaffActor actor, Guid referralId, int expectedPlanVersion, string? description, DateOnly? targetDate, CancellationToken cancellationToken = default)
    {
        var (referral, plan) = await RequirePlanAsync(referralId, cancellationToken);
        await RefuseUnlessAsync(MayChangePlan(actor, referral.TeamCode), actor, referral, "goal_added", cancellationToken);
        RequireVersion(plan, expectedPlanVersion);
        RequireInCare(referral);
        string text = RequireDescription(description);
        RequireNotPast(targetDate);

        var now = Now;
        var goal = new CareGoal { CarePlanId = plan.Id, Description = text, Status = CareGoalStatus.Active, TargetDate = targetDate, CreatedAtUtc = now, CreatedBy = actor.AuditName };
        db.CareGoals.Add(goal);
        Bump(plan, expectedPlanVersion);
        Record(actor, referral, CarePlanEventKind.GoalAdded, $"target={targetDate?.ToString("yyyy-MM-dd", System.Globalization.CultureInfo.InvariantCulture) ?? "-"}", now);
        await SaveAsync(cancellationToken);
        return goal;
    }

    /// <summary>Sets a goal's status (<see cref="CareGoalStatus.All"/>): achieved, not achieved, or active again.</summary>
    /// <exception cref="PersonAccessDeniedException">The actor may not plan this referral's care.</exception>
    /// <exception cref="CarePlanChangeException">No such goal in this plan, or an unknown status.</exception>
    /// <exception cref="CarePlanConflictException">The plan has moved on from <paramref name="expectedPlanVersion"/>.</exception>
    public async Task<CareGoal> SetGoalStatusAsync(StaffActor actor, Guid referralId, long goalId, int expectedPlanVersion, string? status, CancellationToken cancellationToken = default)
    {
        var (referral, plan) = await RequirePlanAsync(referralId, cancellationToken);
        await RefuseUnlessAsync(MayChangePlan(actor, referral.TeamCode), actor, referral, "goal_status", cancellationToken);
        RequireVersion(plan, expectedPlanVersion);
        RequireInCare(referral);
        var goal = await db.CareGoals.SingleOrDefaultAsync(g => g.Id == goalId && g.CarePlanId == plan.Id, cancellationToken)
            ?? throw new CarePlanChangeException(CarePlanProblem.NotFound);
        if (status is null || !CareGoalStatus.All.Contains(status))
        {
            throw new CarePlanChangeException(CarePlanProblem.UnknownGoalStatus, "status");
        }

        string from = goal.Status;
        goal.Status = status;
        Bump(plan, expectedPlanVersion);
        var now = Now;
        Record(actor, referral, CarePlanEventKind.GoalStatus, $"goal={goal.Id}; {from}->{status}", now);
        await SaveAsync(cancellationToken);
        return goal;
    }

    /// <summary>Gives a task to any team in the directory, of any partner, with an optional due date.</summary>
    /// <exception cref="PersonAccessDeniedException">The actor may not plan this referral's care.</exception>
    /// <exception cref="CarePlanChangeException">The task is not described, the team is unknown, or the due date has passed.</exception>
    /// <exception cref="CarePlanConflictException">The plan has moved on from <paramref name="expectedPlanVersion"/>.</exception>
    public async Task<CareTask> AddTaskAsync(StaffActor actor, Guid referralId, int expectedPlanVersion, string? description, string? teamCode, DateOnly? dueDate, CancellationToken cancellationToken = default)
    {
        var (referral, plan) = await RequirePlanAsync(referralId, cancellationToken);
        await RefuseUnlessAsync(MayChangePlan(actor, referral.TeamCode), actor, referral, "task_added", cancellationToken);
        RequireVersion(plan, expectedPlanVersion);
        RequireInCare(referral);
        string text = RequireDescription(description);
        if (string.IsNullOrWhiteSpace(teamCode) || !await db.Teams.AnyAsync(t => t.Code == teamCode, cancellationToken))
        {
            throw new CarePlanChangeException(CarePlanProblem.UnknownTeam, "teamCode");
        }

        RequireNotPast(dueDate);
        var now = Now;
        var task = new CareTask
        {
            CarePlanId = plan.Id,
            Description = text,
            AssignedTeamCode = teamCode,
            DueDate = dueDate,
            Status = CareTaskStatus.Requested,
            CreatedAtUtc = now,
            CreatedBy = actor.AuditName,
            Version = 1,
        };
        db.CareTasks.Add(task);
        Bump(plan, expectedPlanVersion);
        Record(actor, referral, CarePlanEventKind.TaskAdded,
            $"team={teamCode}; due={dueDate?.ToString("yyyy-MM-dd", System.Globalization.CultureInfo.InvariantCulture) ?? "-"}", now);
        await SaveAsync(cancellationToken);
        return task;
    }

    /// <summary>The task's team has done it.</summary>
    /// <exception cref="PersonAccessDeniedException">The actor is neither in the task's team nor the holding team.</exception>
    /// <exception cref="CarePlanChangeException">No such task, or it has already ended.</exception>
    /// <exception cref="CarePlanConflictException">The task has moved on from <paramref name="expectedTaskVersion"/>.</exception>
    public Task<CareTask> CompleteTaskAsync(StaffActor actor, long taskId, int expectedTaskVersion, string? note = null, CancellationToken cancellationToken = default) =>
        EndTaskAsync(actor, taskId, expectedTaskVersion, CareTaskStatus.Completed, note, cancellationToken);

    /// <summary>The task is no longer needed; a reason is required.</summary>
    /// <exception cref="PersonAccessDeniedException">The actor is neither in the task's team nor the holding team.</exception>
    /// <exception cref="CarePlanChangeException">No such task, it has already ended, or no reason was given.</exception>
    /// <exception cref="CarePlanConflictException">The task has moved on from <paramref name="expectedTaskVersion"/>.</exception>
    public Task<CareTask> CancelTaskAsync(StaffActor actor, long taskId, int expectedTaskVersion, string? reason, CancellationToken cancellationToken = default) =>
        EndTaskAsync(actor, taskId, expectedTaskVersion, CareTaskStatus.Cancelled, reason, cancellationToken);

    private async Task<CareTask> EndTaskAsync(StaffActor actor, long taskId, int expectedTaskVersion, string status, string? note, CancellationToken cancellationToken)
    {
        var task = await db.CareTasks.SingleOrDefaultAsync(t => t.Id == taskId, cancellationToken)
            ?? throw new CarePlanChangeException(CarePlanProblem.NotFound);
        var plan = await db.CarePlans.AsNoTracking().SingleAsync(p => p.Id == task.CarePlanId, cancellationToken);
        var referral = await db.Referrals.AsNoTracking().SingleAsync(r => r.Id == plan.ReferralId, cancellationToken);
        string kind = status == CareTaskStatus.Completed ? CarePlanEventKind.TaskCompleted : CarePlanEventKind.TaskCancelled;
        await RefuseUnlessAsync(MayEndTask(actor, task.AssignedTeamCode, referral.TeamCode), actor, referral, kind["care_plan.".Length..], cancellationToken);
        if (task.Version != expectedTaskVersion)
        {
            throw new CarePlanConflictException();
        }

        if (task.Status != CareTaskStatus.Requested)
        {
            throw new CarePlanChangeException(CarePlanProblem.TaskAlreadyEnded);
        }

        string? why = string.IsNullOrWhiteSpace(note) ? null : note.Trim();
        if (status == CareTaskStatus.Cancelled && why is null)
        {
            throw new CarePlanChangeException(CarePlanProblem.ReasonRequired, "reason");
        }

        var now = Now;
        task.Status = status;
        // Who ended the task and when, whether it was done or called off; the event says which, and why.
        task.CompletedAtUtc = now;
        task.CompletedBy = actor.AuditName;
        task.Version = expectedTaskVersion + 1;
        db.Entry(task).Property(t => t.Version).OriginalValue = expectedTaskVersion;
        Record(actor, referral, kind, $"task={task.Id}; team={task.AssignedTeamCode}; note={why ?? "-"}", now);
        await SaveAsync(cancellationToken);
        return task;
    }

    private DateTime Now => clock.GetUtcNow().UtcDateTime;

    private async Task<Referral> RequireReferralAsync(Guid referralId, CancellationToken cancellationToken) =>
        await db.Referrals.AsNoTracking().SingleOrDefaultAsync(r => r.Id == referralId, cancellationToken)
        ?? throw new CarePlanChangeException(CarePlanProblem.NotFound);

    private async Task<(Referral Referral, CarePlan Plan)> RequirePlanAsync(Guid referralId, CancellationToken cancellationToken)
    {
        var referral = await RequireReferralAsync(referralId, cancellationToken);
        var plan = await db.CarePlans.SingleOrDefaultAsync(p => p.ReferralId == referralId, cancellationToken)
            ?? throw new CarePlanChangeException(CarePlanProblem.NotFound);
        return (referral, plan);
    }

    /// <summary>A care plan belongs to the time a team holds the referral: from acceptance until it ends.</summary>
    private static void RequireInCare(Referral referral)
    {
        if (referral.Status is not (ReferralStatus.Accepted or ReferralStatus.InCare or ReferralStatus.HandoverOffered))
        {
            throw new CarePlanChangeException(CarePlanProblem.ReferralNotInCare);
        }
    }

    private static void RequireVersion(CarePlan plan, int expected)
    {
        if (plan.Version != expected)
        {
            throw new CarePlanConflictException();
        }
    }

    private static string RequireDescription(string? description)
    {
        if (string.IsNullOrWhiteSpace(description))
        {
            throw new CarePlanChangeException(CarePlanProblem.DescriptionRequired, "description");
        }

        var text = description.Trim();
        return text.Length <= DescriptionMaxLength ? text : throw new CarePlanChangeException(CarePlanProblem.DescriptionTooLong, "description");
    }

    private void RequireNotPast(DateOnly? date)
    {
        var today = DateOnly.FromDateTime(TimeZoneInfo.ConvertTimeFromUtc(Now, Referrals.Clocks.BusinessCalendar.EnglandAndWales.TimeZone));
        if (date is { } d && d < today)
        {
            throw new CarePlanChangeException(CarePlanProblem.DateInThePast, "date");
        }
    }

    private void Bump(CarePlan plan, int expected)
    {
        plan.Version = expected + 1;
        // EF compares the version it read with the row's when saving (IsConcurrencyToken), so a change saved in between
        // by someone else makes this save fail rather than overwrite it.
        db.Entry(plan).Property(p => p.Version).OriginalValue = expected;
    }

    /// <summary>The change in the referral's history and the audit log. The referral itself is not changed, so its
    /// version stays: planning care never makes a referral form stale.</summary>
    private void Record(StaffActor actor, Referral referral, string kind, string detail, DateTime now)
    {
        db.ReferralEvents.Add(new ReferralEvent
        {
            ReferralId = referral.Id,
            OccurredAtUtc = now,
            Kind = kind,
            FromStatus = referral.Status,
            ToStatus = referral.Status,
            TeamCode = referral.TeamCode,
            Actor = actor.AuditName,
            Detail = detail,
            Version = referral.Version,
        });
        audit.Add(actor.AuditName, ReferralAuditAction.CarePlanChange, referral.PersonId, AccessReason.DirectCare,
            $"referral={referral.Reference}; change={kind}; {detail}");
    }

    private async Task RefuseUnlessAsync(bool allowed, StaffActor actor, Referral referral, string attempted, CancellationToken cancellationToken)
    {
        if (allowed)
        {
            return;
        }

        audit.Add(actor.AuditName, AccessAuditAction.ViewDenied, referral.PersonId, AccessReason.DirectCare,
            $"attempted=care_plan.{attempted}; referral={referral.Reference}");
        await db.SaveChangesAsync(cancellationToken);
        throw new PersonAccessDeniedException("Only the team holding the referral, or the team a task is given to, may change its care plan.");
    }

    private async Task SaveAsync(CancellationToken cancellationToken)
    {
        try
        {
            await db.SaveChangesAsync(cancellationToken);
        }
        catch (DbUpdateConcurrencyException)
        {
            db.ChangeTracker.Clear();
            throw new CarePlanConflictException();
        }
    }
}
