using System.Globalization;

namespace LoadOps.Bench.Validation;

/// <summary>Realistic definitions of varied size; every tenth has mistakes, so error paths are measured too.</summary>
internal static class GeneratedDefinitions
{
    public static (string Name, string Text) Create(int index)
    {
        var name = $"bench-{index:D4}";
        var scenarios = 1 + (index % 4);
        var text = new System.Text.StringBuilder();
        text.Append(Fill("""
            # yaml-language-server: $schema=../../schema/loadtest.schema.json
            version: 1
            name: @NAME@
            description: Generated definition @INDEX@
            target:
              baseUrl: https://svc@HOST@.example.com
              timeout: 5s
              headers:
                Authorization: "Bearer ${{ secrets.API_TOKEN }}"
            load:
              model: open
              stages:
                - { duration: 30s, rate: @RAMP@ }
                - { duration: 2m, rate: @PEAK@ }
                - { duration: 10s, rate: 0 }
            scenarios:

            """, ("NAME", name), ("INDEX", N(index)), ("HOST", N(index % 7)), ("RAMP", N(10 + (index % 50))), ("PEAK", N(100 + (index % 200)))));
        for (var s = 0; s < scenarios; s++)
        {
            text.Append(Fill("""
                  - name: scenario-@S@
                    weight: @WEIGHT@
                    steps:
                      - name: list-@S@
                        request: GET /api/products?page={{ random 1 10 }}
                        extract: { id: "$.items[0].id" }
                        expect: { status: 200 }
                      - name: product-@S@
                        request: GET /api/products/{{ id }}
                        expect: { status: [200, 304], json: { "$.id": 1 } }
                      - name: cart-@S@
                        request: POST /api/cart
                        json: { sku: A@S@, qty: 1, ref: "{{ uuid }}" }
                        expect: { status: 201 }

                """, ("S", N(s)), ("WEIGHT", N(10 + s))));
        }
        text.Append("""
            runners:
              - { location: local, count: 2 }
              - { location: azure/westeurope, count: 2 }
              - { location: aws/us-east-1, count: 1 }
            thresholds:
              - "p95 < 300ms"
              - "errors < 1%"
              - { step: product-0, check: "p99 < 800ms" }
            baseline: { branch: main, runs: 10, tolerance: 5% }
            schedule:
              - { cron: "0 3 * * *", timezone: Europe/Paris }

            """);
        var result = text.ToString();
        if (index % 10 == 9)
            result = result.Replace("rate: 0 }", "rate: -1 }", StringComparison.Ordinal).Replace("GET /api/products/{{ id }}", "GET api/{{ idd }}", StringComparison.Ordinal);
        return (name + ".loadtest.yaml", result);
    }

    private static string N(int value) => value.ToString(CultureInfo.InvariantCulture);

    private static string Fill(string template, params (string Token, string Value)[] values) =>
        values.Aggregate(template, (text, pair) => text.Replace($"@{pair.Token}@", pair.Value, StringComparison.Ordinal));
}
