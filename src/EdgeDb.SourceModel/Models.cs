namespace EdgeDb.SourceModel;

/// <summary>
/// Everything the generator needs to emit one collection, read from its [EdgeCollection] type. Holds only
/// strings, numbers and equatable arrays: no symbols, syntax or locations, so incremental steps can cache it.
/// </summary>
/// <param name="Namespace">The type's namespace; empty for the global namespace.</param>
/// <param name="TypeName">The type's simple name, which names the generated types ({TypeName}Key, {TypeName}Repository).</param>
/// <param name="FullTypeName">The fully qualified name, with <c>global::</c>.</param>
/// <param name="IsValueType">True for a struct or record struct.</param>
/// <param name="Accessibility">"public" or "internal": what the generated types may be.</param>
/// <param name="CollectionName">The name given to [EdgeCollection].</param>
/// <param name="Keys">The key parts, in key order.</param>
/// <param name="Indexes">The [EdgeIndex] members, in declaration order.</param>
/// <param name="Problems">Why the collection cannot be served; empty when it can.</param>
/// <param name="TimeToLive">The [EdgeTimeToLive] member, when the collection's entities expire.</param>
internal sealed record CollectionModel(
    string Namespace,
    string TypeName,
    string FullTypeName,
    bool IsValueType,
    string Accessibility,
    string CollectionName,
    EquatableArray<KeyMemberModel> Keys,
    EquatableArray<KeyMemberModel> Indexes,
    EquatableArray<ModelProblem> Problems,
    TimeToLiveModel? TimeToLive = null)
{
    /// <summary>True when the generator can emit the collection: it has no blocking problem (<see cref="ProblemIds.IsBlocking"/>).</summary>
    public bool CanGenerate
    {
        get
        {
            foreach (var problem in Problems)
            {
                if (ProblemIds.IsBlocking(problem.Id))
                {
                    return false;
                }
            }

            return true;
        }
    }

    /// <summary>The generated key type's simple name.</summary>
    public string KeyTypeName => TypeName + "Key";

    /// <summary>The generated repository's simple name.</summary>
    public string RepositoryTypeName => TypeName + "Repository";

    /// <summary>The generated repository's fully qualified name, with <c>global::</c>.</summary>
    public string RepositoryFullName => "global::" + (Namespace.Length == 0 ? string.Empty : Namespace + ".") + RepositoryTypeName;

    /// <summary>The name of the generated source file: the type's full name, letters, digits, dots and underscores only.</summary>
    public string HintName
    {
        get
        {
            var name = (Namespace.Length == 0 ? string.Empty : Namespace + ".") + TypeName;
            var builder = new System.Text.StringBuilder(name.Length + 12);
            foreach (var c in name)
            {
                builder.Append(char.IsLetterOrDigit(c) || c == '.' ? c : '_');
            }

            return builder.Append(".EdgeDb.g.cs").ToString();
        }
    }

    /// <summary>The most bytes a key takes: the keyspace prefix and every part.</summary>
    public int MaxEncodedLength
    {
        get
        {
            var length = KeyspacePrefix.Length;
            foreach (var key in Keys)
            {
                length += key.MaxEncodedLength;
            }

            return length;
        }
    }

    /// <summary>The most bytes any key the collection writes takes: its entity key or, when longer, an index entry (index prefix, indexed value, key parts).</summary>
    public int LargestKeyLength
    {
        get
        {
            var entity = MaxEncodedLength;
            var largest = entity;
            foreach (var index in Indexes)
            {
                largest = System.Math.Max(largest, entity + index.MaxEncodedLength);
            }

            return largest;
        }
    }
}

/// <summary>A key part or an indexed member.</summary>
/// <param name="Name">The property's name.</param>
/// <param name="ParameterName">The name of the generated parameter that takes its value (camelCase, escaped).</param>
/// <param name="TypeName">The property's type, fully qualified.</param>
/// <param name="Kind">How it is encoded.</param>
/// <param name="IsNullable">True for a <c>Nullable&lt;T&gt;</c> member.</param>
/// <param name="EnumTypeName">The enum type, fully qualified, when the member is an enum (Kind is then its underlying type).</param>
/// <param name="MaxLength">The [MaxLength] of a string or byte array; 0 otherwise.</param>
/// <param name="Order">The [EdgeKey] order; -1 for an index.</param>
/// <param name="Descending">True when the part sorts descending.</param>
/// <param name="IsReferenceType">True for a string or byte array, which may be null.</param>
/// <param name="RejectsNull">True for a string or byte array declared non-nullable in a nullable-aware context: a null there is a bug, refused when the entity is stored.</param>
/// <param name="IsUnique">For an index: <c>[EdgeIndex(Unique = true)]</c>, one entity per value.</param>
internal sealed record KeyMemberModel(
    string Name,
    string ParameterName,
    string TypeName,
    KeyKind Kind,
    bool IsNullable,
    string? EnumTypeName,
    int MaxLength,
    int Order,
    bool Descending,
    bool IsReferenceType,
    bool RejectsNull = false,
    bool IsUnique = false)
{
    /// <summary>The most bytes the member's encoding takes.</summary>
    public int MaxEncodedLength => (IsNullable ? 1 : 0) + KeyTypes.MaxEncodedLength(Kind, MaxLength);
}

/// <summary>A reason the generator cannot serve a collection (the analyzers report it as a diagnostic).</summary>
/// <param name="Id">The diagnostic id, EDB001 and up (see <see cref="ProblemIds"/>).</param>
/// <param name="MemberName">The member at fault, or empty when the type itself is.</param>
/// <param name="Arguments">The arguments of the id's message format (<see cref="ProblemIds.Format"/>).</param>
internal sealed record ModelProblem(string Id, string MemberName, EquatableArray<string> Arguments)
{
    /// <summary>What is wrong and how to fix it.</summary>
    public string Message
    {
        get
        {
            var args = new object[Arguments.Count];
            for (var i = 0; i < args.Length; i++)
            {
                args[i] = Arguments[i];
            }

            return string.Format(System.Globalization.CultureInfo.InvariantCulture, ProblemIds.Format(Id), args);
        }
    }
}

/// <summary>The member an entity's expiry is computed from: its instant plus a span.</summary>
/// <param name="Member">The property's name.</param>
/// <param name="SpanTicks">The span, in ticks.</param>
/// <param name="IsNullable">True for a <c>Nullable&lt;T&gt;</c> member: null means the entity does not expire.</param>
internal sealed record TimeToLiveModel(string Member, long SpanTicks, bool IsNullable);
