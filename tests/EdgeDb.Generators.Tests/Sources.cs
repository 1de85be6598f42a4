namespace EdgeDb.Generators.Tests;

/// <summary>The user code the generator tests compile.</summary>
internal static class Sources
{
    public const string Readings = """
        using System;
        using System.ComponentModel.DataAnnotations;
        using EdgeDb;
        using MemoryPack;

        namespace Sample.Telemetry;

        /// <summary>A reading.</summary>
        /// <param name="DeviceId">The device.</param>
        /// <param name="Timestamp">When.</param>
        /// <param name="Room">Where.</param>
        /// <param name="Celsius">How warm.</param>
        [MemoryPackable]
        [EdgeCollection("readings")]
        public partial record SensorReading(
            [property: EdgeKey(0), MaxLength(64)] string DeviceId,
            [property: EdgeKey(1, Descending = true)] DateTimeOffset Timestamp,
            [property: EdgeIndex, MaxLength(16)] string Room,
            double Celsius);
        """;

    public const string Counter = """
        using EdgeDb;
        using MemoryPack;

        [MemoryPackable]
        [EdgeCollection("counters")]
        internal partial struct Counter
        {
            [EdgeKey(0)]
            public int? Id { get; init; }

            public long Value { get; init; }
        }
        """;

    public const string Unrelated = """
        namespace Sample.Other;

        public static class Helper
        {
            public static int Twice(int x) => x * 2;
        }
        """;

    public const string Unservable = """
        using EdgeDb;
        using MemoryPack;

        namespace Sample.Broken;

        [MemoryPackable]
        [EdgeCollection("broken")]
        public partial record Broken([property: EdgeKey(0)] string Name, [property: EdgeKey(0)] object Other);

        [EdgeCollection("")]
        public partial record NoKeyNoPack(int Id);
        """;
}
