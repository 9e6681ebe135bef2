using System.Diagnostics;
using System.Net.Http.Headers;

namespace OnePlace.Spa.Bench;

/// <summary>What happened to one request of an open-loop run.</summary>
internal readonly record struct Outcome(long Latency, long SendLag, int Status, byte[]? Body);

/// <summary>
/// An open-loop load: request <c>i</c> is due at <c>start + i / rate</c> whatever happened to the ones before it, and
/// its latency is measured from that due time, not from when it was actually sent, so time spent queueing (in the
/// server, in the connection pool, or in this sender falling behind) counts against the server: no coordinated
/// omission (Tene, "How NOT to measure latency", 2015; wrk2). The sender thread sleeps in 1 ms steps and never
/// sends early, so a request leaves at most about a millisecond after its due time; that lag is counted as latency.
/// </summary>
internal static class OpenLoop
{
    private static readonly MediaTypeHeaderValue Json = new("application/json");

    public static async Task<(Outcome[] Outcomes, double Seconds)> RunAsync(HttpClient client, string path, IReadOnlyList<PlannedReferral> referrals, double rate)
    {
        var outcomes = new Outcome[referrals.Count];
        var tasks = new Task[referrals.Count];
        long interval = (long)(Stopwatch.Frequency / rate);
        long start = Stopwatch.GetTimestamp() + Stopwatch.Frequency / 20;
        var sender = new Thread(() =>
        {
            for (int i = 0; i < referrals.Count; i++)
            {
                long due = start + i * interval;
                while (Stopwatch.GetTimestamp() < due)
                {
                    Thread.Sleep(1);
                }

                tasks[i] = SendAsync(client, path, referrals[i].Body, due, outcomes, i);
            }
        })
        { IsBackground = true, Name = "open-loop sender", Priority = ThreadPriority.AboveNormal };
        sender.Start();
        sender.Join();
        await Task.WhenAll(tasks);
        // From the first due time to the last answer: the achieved rate is requests over this span.
        double seconds = (outcomes.Select((o, i) => i * interval + o.Latency).Max()) / (double)Stopwatch.Frequency;
        return (outcomes, seconds);
    }

    private static async Task SendAsync(HttpClient client, string path, byte[] body, long due, Outcome[] outcomes, int i)
    {
        long sent = Stopwatch.GetTimestamp();
        int status;
        byte[]? answer = null;
        try
        {
            using var content = new ByteArrayContent(body);
            content.Headers.ContentType = Json;
            using var response = await client.PostAsync(new Uri(path, UriKind.Relative), content);
            answer = await response.Content.ReadAsByteArrayAsync();
            status = (int)response.StatusCode;
        }
        catch (Exception e) when (e is HttpRequestException or TaskCanceledException)
        {
            status = 0;
        }

        outcomes[i] = new Outcome(Stopwatch.GetTimestamp() - due, sent - due, status, answer);
    }
}
