using LoadOps.Core.Definitions;
using LoadOps.Core.Parsing;
using LoadOps.Core.Policy;

namespace LoadOps.Core.Validation;

/// <summary>Reads <c>target.tls</c>: a CA file to trust, or (only where the policy allows it) no certificate checks at all.</summary>
internal sealed class TlsReader(FieldReader reader, LoadPolicy policy)
{
    private static readonly string[] Keys = ["caFile", "insecureSkipVerify"];

    public TlsSpec? Read(SourceNode? node)
    {
        if (node is null || reader.Mapping(node, "target.tls", "target.tls", Keys) is not { } fields)
            return null;
        var caFile = fields["caFile"] is { } c ? reader.Text(c, "target.tls.caFile") : null;
        var insecure = fields["insecureSkipVerify"] is { } i ? reader.Boolean(i, "target.tls.insecureSkipVerify") : false;
        if ((fields.Has("caFile") && string.IsNullOrWhiteSpace(caFile)) || insecure is null)
            return null;
        if (insecure == true && !policy.AllowInsecureTls)
        {
            reader.Errors.Error(fields["insecureSkipVerify"]!.At, ValidationCodes.InsecureTlsNotAllowed,
                "target.tls.insecureSkipVerify: true accepts any certificate and the policy does not allow it; trust the target's CA with target.tls.caFile, or set allowInsecureTls: true in .loadops/policy.yaml");
            return null;
        }
        return new TlsSpec { CaFile = caFile, InsecureSkipVerify = insecure.Value };
    }
}
