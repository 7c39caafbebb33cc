using System.Globalization;

namespace LoadOps.Testing;

/// <summary>The smallest useful definition: browse the sample target's product list at 10 arrivals a second, expecting 200.</summary>
public static class SmokeDefinition
{
    public static string Yaml(string name, string baseUrl, int seconds = 2, int runners = 1) => $$"""
        version: 1
        name: {{name}}
        target: { baseUrl: {{baseUrl}} }
        load: { model: open, stages: [ { duration: {{seconds.ToString(CultureInfo.InvariantCulture)}}s, rate: 10 } ] }
        scenarios:
          - name: browse
            steps:
              - { name: list, request: GET /api/products?page=1, expect: { status: 200 } }
        runners: [ { location: local, count: {{runners.ToString(CultureInfo.InvariantCulture)}} } ]

        """;
}
