using Verify = EdgeDb.Analyzers.Tests.Verifier<EdgeDb.Analyzers.KeyConstantAnalyzer>;

namespace EdgeDb.Analyzers.Tests;

/// <summary>EDB011: constants longer than their part's MaxLength, passed to the generated repository and key (the real generator runs).</summary>
public class KeyConstantAnalyzerTests
{
    private const string Collection = """
        using System;
        using EdgeDb;
        using MemoryPack;

        [MemoryPackable]
        [EdgeCollection("readings")]
        public partial record Reading(
            [property: EdgeKey(0, MaxLength = 4)] string DeviceId,
            [property: EdgeKey(1)] long Sequence,
            [property: EdgeIndex(MaxLength = 2)] byte[] Tag);

        """;

    [Fact]
    public async Task EDB011_long_constants_to_repository_methods_and_the_key()
    {
        await Verify.VerifyWithGeneratorAsync(
            Collection + """
                public static class Use
                {
                    private const string Device = "gw-0007";

                    public static void Run(ReadingRepository readings)
                    {
                        readings.Delete({|#0:"gw-07"|}, 1);
                        readings.Contains({|#1:Device|}, 2);
                        foreach (var r in readings.ScanByDeviceId({|#2:"abcdef"|})) { }
                        foreach (var r in readings.FindByTag({|#3:new byte[] { 1, 2, 3 }|})) { }
                        _ = new ReadingKey({|#4:"12345"|}, 3);
                    }
                }
                """,
            Verify.Diagnostic("EDB011").WithLocation(0).WithArguments("deviceId", "5", "characters", "4", "DeviceId"),
            Verify.Diagnostic("EDB011").WithLocation(1).WithArguments("deviceId", "7", "characters", "4", "DeviceId"),
            Verify.Diagnostic("EDB011").WithLocation(2).WithArguments("deviceId", "6", "characters", "4", "DeviceId"),
            Verify.Diagnostic("EDB011").WithLocation(3).WithArguments("tag", "3", "bytes", "2", "Tag"),
            Verify.Diagnostic("EDB011").WithLocation(4).WithArguments("DeviceId", "5", "characters", "4", "DeviceId"));
    }

    [Fact]
    public async Task EDB011_near_miss_constants_that_fit_and_values_unknown_until_run_time()
    {
        await Verify.VerifyWithGeneratorAsync(Collection + """
            public static class Use
            {
                public static void Run(ReadingRepository readings, string device, int size)
                {
                    readings.Delete("gw-7", 1);
                    readings.Delete(device, 12345678);
                    foreach (var r in readings.FindByTag(new byte[size])) { }
                    foreach (var r in readings.FindByTag(new byte[] { 1, 2 })) { }
                    _ = new ReadingKey("", 3);
                    Console.WriteLine("a string far longer than four characters");
                }
            }
            """);
    }
}
