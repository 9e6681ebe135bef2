using System.CommandLine;
using System.CommandLine.Parsing;
using System.Diagnostics;
using System.Globalization;
using System.Text;
using CsvHelper;
using CsvHelper.Configuration;
using OnePlace.Linkage;
using Spectre.Console;

namespace OnePlace.Cli;

/// <summary>
/// `oneplace link`: links the person records of one or more CSV files into people (OnePlace.Linkage) and writes each
/// record's person. Every row of every file is checked before any linking; a run with any bad row is refused whole
/// and writes nothing. The output only appears, complete, once the run has succeeded.
/// </summary>
internal static class LinkCommand
{
    public static readonly string[] InputHeader =
        ["record_id", "source", "nhs_number", "given_name", "family_name", "date_of_birth", "sex", "postcode", "address", "phone", "email"];

    public static readonly string[] OutputHeader = ["record_id", "person_id", "match_probability", "linked_to"];

    /// <summary>Problems listed before the rest are only counted: the first few show what is wrong with an extract.</summary>
    private const int ProblemsListed = 20;

    private const int ReportEveryRows = 4096;

    private static readonly Encoding Utf8NoBom = new UTF8Encoding(encoderShouldEmitUTF8Identifier: false);

    private static readonly CsvConfiguration ReaderConfiguration = new(CultureInfo.InvariantCulture)
    {
        HasHeaderRecord = false,
        DetectDelimiter = false,
        BadDataFound = null,
        TrimOptions = TrimOptions.None,
    };

    private static readonly CsvConfiguration WriterConfiguration = new(CultureInfo.InvariantCulture) { NewLine = "\n" };

    public static Command Create(IAnsiConsole console)
    {
        var inputs = new Option<FileInfo[]>("--input")
        {
            Description = "CSV file of person records (header " + string.Join(",", InputHeader) + "); repeat for several files",
            Required = true,
            Arity = ArgumentArity.OneOrMore,
        };
        var output = new Option<FileInfo>("--output")
        {
            Description = "CSV file to write, one row per input record: " + string.Join(",", OutputHeader),
            Required = true,
        };
        var threshold = new Option<double>("--threshold")
        {
            Description = "Match probability at or above which two records are joined, greater than 0 and less than 1",
            DefaultValueFactory = _ => new LinkageOptions().Threshold,
            CustomParser = ParseThreshold,
        };

        var command = new Command("link", "Link person records from one or more CSV files into people; a file with any bad row is refused and nothing is written")
        {
            inputs, output, threshold,
        };
        command.SetAction(parse => Run(console, parse.GetValue(inputs)!, parse.GetValue(output)!, parse.GetValue(threshold)));
        return command;
    }

    /// <summary>Parsed with the invariant culture so that `0.95` means the same on every machine.</summary>
    private static double ParseThreshold(ArgumentResult result)
    {
        if (result.Tokens.Count == 0)
        {
            return new LinkageOptions().Threshold;
        }

        var text = result.Tokens[0].Value;
        if (double.TryParse(text, NumberStyles.Float, CultureInfo.InvariantCulture, out var p) && p is > 0 and < 1)
        {
            return p;
        }

        result.AddError($"--threshold '{text}' must be a probability greater than 0 and less than 1, such as 0.95.");
        return 0;
    }

    private static int Run(IAnsiConsole console, IReadOnlyList<FileInfo> inputs, FileInfo output, double threshold)
    {
        var clock = Stopwatch.StartNew();
        var pathProblems = CheckPaths(inputs, output);
        if (pathProblems.Count > 0)
        {
            return Refuse(console, pathProblems, pathProblems.Count);
        }

        LinkInput? input = null;
        int people = 0;
        console.Progress().Columns(new TaskDescriptionColumn(), new ProgressBarColumn(), new PercentageColumn(), new ElapsedTimeColumn())
            .Start(ctx =>
            {
                var reading = ctx.AddTask("reading", maxValue: Math.Max(1, inputs.Sum(f => f.Length)));
                input = LinkInput.Read(inputs, bytes => reading.Value = bytes);
                reading.Value = reading.MaxValue;
                if (input.ProblemCount > 0)
                {
                    return;
                }

                var phases = new PhaseTasks(ctx);
                var result = Linker.Link(input.Records, new LinkageOptions { Threshold = threshold, Progress = phases });
                phases.CompleteAll();

                var writing = ctx.AddTask("writing", maxValue: Math.Max(1, input.Records.Count));
                people = WriteInPlace(output.FullName, result, rows => writing.Value = rows);
                writing.Value = writing.MaxValue;
            });

        if (input!.ProblemCount > 0)
        {
            return Refuse(console, input.Problems, input.ProblemCount);
        }

        console.MarkupLineInterpolated(
            $"Linked {input.Records.Count:N0} records into {people:N0} people in {clock.Elapsed.TotalSeconds:F1} s (threshold {threshold.ToString(CultureInfo.InvariantCulture)}).");
        return OnePlaceCommand.Done;
    }

    private static List<InputProblem> CheckPaths(IReadOnlyList<FileInfo> inputs, FileInfo output)
    {
        var problems = new List<InputProblem>();
        foreach (var input in inputs)
        {
            if (!input.Exists)
            {
                problems.Add(new InputProblem(input.ToString(), 0, "the file does not exist"));
            }
            else if (string.Equals(input.FullName, output.FullName, StringComparison.Ordinal))
            {
                problems.Add(new InputProblem(output.ToString(), 0, "--output must not be one of the input files"));
            }
        }

        if (!Directory.Exists(output.DirectoryName))
        {
            problems.Add(new InputProblem(output.ToString(), 0, "the folder to write the output to does not exist"));
        }
        else if (Directory.Exists(output.FullName))
        {
            problems.Add(new InputProblem(output.ToString(), 0, "--output is a folder, not a file"));
        }

        return problems;
    }

    private static int Refuse(IAnsiConsole console, IReadOnlyList<InputProblem> listed, int count)
    {
        console.MarkupLineInterpolated($"[red]Linking refused: no output was written.[/] {count} problem(s):");
        foreach (var problem in listed)
        {
            console.WriteLine(problem.ToString());
        }

        if (count > listed.Count)
        {
            console.WriteLine($"… and {count - listed.Count} more.");
        }

        return OnePlaceCommand.InputRefused;
    }

    /// <summary>
    /// Writes the output to a temporary file beside it and moves it into place only when complete, so a failed run
    /// never leaves a partial file (nor replaces an earlier good one). Returns the number of people.
    /// </summary>
    private static int WriteInPlace(string path, LinkageResult result, Action<int> progress)
    {
        var records = result.Records;
        // People are numbered in order of their first record in the input, so the same input gives the same ids.
        var personOfCluster = new string?[result.ClusterCount];
        int width = Math.Max(6, result.ClusterCount.ToString(CultureInfo.InvariantCulture).Length);
        int people = 0;
        var temporary = Path.Combine(Path.GetDirectoryName(path)!, $".{Path.GetFileName(path)}.{Guid.NewGuid():N}.tmp");
        try
        {
            using (var writer = new StreamWriter(temporary, append: false, Utf8NoBom, bufferSize: 1 << 16))
            using (var csv = new CsvWriter(writer, WriterConfiguration))
            {
                foreach (var name in OutputHeader)
                {
                    csv.WriteField(name);
                }

                csv.NextRecord();
                for (int i = 0; i < records.Count; i++)
                {
                    int cluster = result.ClusterOfRecord[i];
                    var person = personOfCluster[cluster] ??= "P" + (++people).ToString("D" + width, CultureInfo.InvariantCulture);
                    var why = result.WhyLinked(i);
                    csv.WriteField(records[i].RecordId);
                    csv.WriteField(person);
                    csv.WriteField(why is null ? "" : why.Probability.ToString("F4", CultureInfo.InvariantCulture));
                    csv.WriteField(why is null ? "" : records[why.A == i ? why.B : why.A].RecordId);
                    csv.NextRecord();
                    if (i % ReportEveryRows == 0)
                    {
                        progress(i);
                    }
                }
            }

            File.Move(temporary, path, overwrite: true);
            return people;
        }
        finally
        {
            if (File.Exists(temporary))
            {
                File.Delete(temporary);
            }
        }
    }

    private sealed record InputProblem(string File, int Line, string Reason)
    {
        public override string ToString() => Line > 0 ? $"{File}:{Line}: {Reason}" : $"{File}: {Reason}";
    }

    /// <summary>The records of every input file, or the problems that refuse them.</summary>
    private sealed class LinkInput
    {
        private readonly List<InputProblem> _problems = [];

        public List<LinkRecord> Records { get; } = [];

        /// <summary>The first <see cref="ProblemsListed"/> problems.</summary>
        public IReadOnlyList<InputProblem> Problems => _problems;

        public int ProblemCount { get; private set; }

        public static LinkInput Read(IReadOnlyList<FileInfo> files, Action<long> bytesRead)
        {
            var input = new LinkInput();
            var firstUse = new Dictionary<string, (string File, int Line)>(StringComparer.Ordinal);
            long before = 0;
            foreach (var file in files)
            {
                input.ReadFile(file, firstUse, done => bytesRead(before + done));
                before += file.Length;
                bytesRead(before);
            }

            return input;
        }

        private void ReadFile(FileInfo file, Dictionary<string, (string File, int Line)> firstUse, Action<long> bytesRead)
        {
            var name = file.ToString();
            using var stream = file.OpenRead();
            using var reader = new StreamReader(stream, Utf8NoBom, detectEncodingFromByteOrderMarks: true);
            using var parser = new CsvParser(reader, ReaderConfiguration);
            if (!parser.Read())
            {
                Add(name, 1, "the file is empty: expected the header " + string.Join(",", InputHeader));
                return;
            }

            var header = parser.Record ?? [];
            if (!header.SequenceEqual(InputHeader, StringComparer.Ordinal))
            {
                Add(name, 1, $"the header is '{string.Join(",", header)}' but must be '{string.Join(",", InputHeader)}'");
                return;
            }

            // CsvParser counts a skipped blank line as a row, and a quoted field may span lines: track where each
            // record starts so that every problem names the line a person would look at.
            int lastLine = 1 + LineBreaksWithin(parser.RawRecord);
            int lastRow = parser.Row;
            int rows = 0;
            while (parser.Read())
            {
                var fields = parser.Record!;
                int line = lastLine + (parser.Row - lastRow);
                lastRow = parser.Row;
                lastLine = line + LineBreaksWithin(parser.RawRecord);
                if (++rows % ReportEveryRows == 0)
                {
                    bytesRead(stream.Position);
                }

                if (fields.Length == 1 && fields[0].Length == 0)
                {
                    continue;
                }

                if (fields.Length != InputHeader.Length)
                {
                    Add(name, line, $"has {fields.Length} fields but the header has {InputHeader.Length}");
                    continue;
                }

                if (Check(name, line, fields, firstUse))
                {
                    Records.Add(new LinkRecord(fields[0], fields[1])
                    {
                        NhsNumber = OrNull(fields[2]),
                        GivenName = OrNull(fields[3]),
                        FamilyName = OrNull(fields[4]),
                        DateOfBirth = OrNull(fields[5]),
                        Sex = OrNull(fields[6]),
                        Postcode = OrNull(fields[7]),
                        Address = OrNull(fields[8]),
                        Phone = OrNull(fields[9]),
                        Email = OrNull(fields[10]),
                    });
                }
            }
        }

        private bool Check(string file, int line, string[] fields, Dictionary<string, (string File, int Line)> firstUse)
        {
            int before = ProblemCount;
            var recordId = fields[0];
            if (string.IsNullOrWhiteSpace(recordId))
            {
                Add(file, line, "record_id is empty");
            }
            else if (!firstUse.TryAdd(recordId, (file, line)))
            {
                var (firstFile, firstLine) = firstUse[recordId];
                Add(file, line, $"record_id '{recordId}' is already used at {firstFile}:{firstLine}");
            }

            if (string.IsNullOrWhiteSpace(fields[1]))
            {
                Add(file, line, "source is empty");
            }

            var dateOfBirth = fields[5];
            if (dateOfBirth.Length > 0 && !DateOnly.TryParseExact(dateOfBirth, "yyyy-MM-dd", CultureInfo.InvariantCulture, DateTimeStyles.None, out _))
            {
                Add(file, line, $"date_of_birth '{dateOfBirth}' is not a real date in the form yyyy-mm-dd");
            }

            return ProblemCount == before;
        }

        private void Add(string file, int line, string reason)
        {
            if (++ProblemCount <= ProblemsListed)
            {
                _problems.Add(new InputProblem(file, line, reason));
            }
        }

        private static string? OrNull(string field) => string.IsNullOrWhiteSpace(field) ? null : field;

        /// <summary>Line breaks inside a record's raw text (in quoted fields), not counting the one that ends it.</summary>
        private static int LineBreaksWithin(string raw)
        {
            int breaks = 0;
            for (int i = 0; i < raw.Length; i++)
            {
                if (raw[i] == '\n' || (raw[i] == '\r' && (i + 1 == raw.Length || raw[i + 1] != '\n')))
                {
                    breaks++;
                }
            }

            return raw.EndsWith('\n') || raw.EndsWith('\r') ? breaks - 1 : breaks;
        }
    }

    /// <summary>One progress bar per linkage phase; the linker may report from its scoring threads.</summary>
    private sealed class PhaseTasks(ProgressContext context) : IProgress<LinkageProgress>
    {
        private readonly Lock _gate = new();
        private readonly Dictionary<string, ProgressTask> _tasks = new(StringComparer.Ordinal);
        private ProgressTask? _current;

        public void Report(LinkageProgress value)
        {
            lock (_gate)
            {
                if (!_tasks.TryGetValue(value.Phase, out var task))
                {
                    task = context.AddTask(Markup.Escape(value.Phase));
                    _tasks.Add(value.Phase, task);
                }

                if (_current is not null && _current != task)
                {
                    _current.Value = _current.MaxValue;
                }

                _current = task;
                task.Value = Math.Max(task.Value, Math.Clamp(value.Fraction, 0, 1) * task.MaxValue);
            }
        }

        public void CompleteAll()
        {
            lock (_gate)
            {
                foreach (var task in _tasks.Values)
                {
                    task.Value = task.MaxValue;
                }
            }
        }
    }
}
