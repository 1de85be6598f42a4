using System.Diagnostics;

namespace EdgeDb.Tests.Support;

/// <summary>Starts EdgeDb.TestHost (built next to the tests) as a real second process.</summary>
internal static class ChildProcess
{
    public static Process Start(params string[] arguments)
    {
        var hostDll = Path.Combine(AppContext.BaseDirectory, "EdgeDb.TestHost.dll");
        Assert.True(File.Exists(hostDll), $"The test host was not built next to the tests: {hostDll}");
        var info = new ProcessStartInfo("dotnet")
        {
            RedirectStandardOutput = true,
            RedirectStandardInput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        info.ArgumentList.Add(hostDll);
        foreach (var argument in arguments)
        {
            info.ArgumentList.Add(argument);
        }

        return Process.Start(info) ?? throw new InvalidOperationException("Could not start the test host.");
    }

    /// <summary>Runs the host to completion and returns its first output line.</summary>
    public static string RunToEnd(params string[] arguments)
    {
        using var process = Start(arguments);
        var output = process.StandardOutput.ReadToEnd();
        Assert.True(process.WaitForExit(60_000), "The test host did not finish.");
        return output.Trim();
    }
}
