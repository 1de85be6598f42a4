using System.Diagnostics;

namespace EdgeDb.Tests.Support;

/// <summary>Starts EdgeDb.TestHost (built next to the tests) as a real second process.</summary>
internal static class ChildProcess
{
    public static Process Start(params string[] arguments) => Start(asNobody: false, arguments);

    /// <summary>Runs the host to completion and returns its first output line.</summary>
    public static string RunToEnd(params string[] arguments) => Run(asNobody: false, arguments).Split('\n')[0].Trim();

    /// <summary>Runs the host as user nobody (through setpriv; the caller is root) and returns all it printed.</summary>
    public static string RunAsNobody(params string[] arguments) => Run(asNobody: true, arguments);

    private static string Run(bool asNobody, string[] arguments)
    {
        using var process = Start(asNobody, arguments);
        var output = process.StandardOutput.ReadToEndAsync();
        var errors = process.StandardError.ReadToEndAsync();
        Assert.True(process.WaitForExit(60_000), "The test host did not finish.");
        return (output.Result + errors.Result).Trim();
    }

    private static Process Start(bool asNobody, string[] arguments)
    {
        var hostDll = Path.Combine(AppContext.BaseDirectory, "EdgeDb.TestHost.dll");
        Assert.True(File.Exists(hostDll), $"The test host was not built next to the tests: {hostDll}");
        var info = new ProcessStartInfo(asNobody ? "setpriv" : "dotnet")
        {
            RedirectStandardOutput = true,
            RedirectStandardInput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        if (asNobody)
        {
            foreach (var option in new[] { "--reuid=65534", "--regid=65534", "--clear-groups", "dotnet" })
            {
                info.ArgumentList.Add(option);
            }

            info.Environment["DOTNET_CLI_HOME"] = Path.GetTempPath();
        }

        info.ArgumentList.Add(hostDll);
        foreach (var argument in arguments)
        {
            info.ArgumentList.Add(argument);
        }

        return Process.Start(info) ?? throw new InvalidOperationException("Could not start the test host.");
    }
}
