using LoadOps.Runner.JMeter;

namespace LoadOps.Runner.Tests.JMeter;

/// <summary>A failing JMeter is told in its own words: the error line (lines as Debian's JMeter 2.13 printed them), never the Java trace.</summary>
public sealed class JMeterFailureTests
{
    [Fact]
    public void The_error_line_is_kept_and_the_stack_trace_dropped()
    {
        string[] output =
        [
            "Error in NonGUIDriver com.thoughtworks.xstream.security.ForbiddenClassException: org.apache.jmeter.save.ScriptWrapper",
            "\tat org.apache.jmeter.save.SaveService.readTree(SaveService.java:559)",
            "\tat org.apache.jmeter.JMeter.runNonGui(JMeter.java:751)",
        ];

        var reason = JMeterFailure.Reason(output, 0, "none");

        Assert.StartsWith("JMeter failed: Error in NonGUIDriver com.thoughtworks.xstream.security.ForbiddenClassException", reason, StringComparison.Ordinal);
        Assert.DoesNotContain("SaveService.java", reason, StringComparison.Ordinal);
        Assert.Contains("LOADOPS_JMETER=runner-image/jmeter/debian-jmeter.sh", reason, StringComparison.Ordinal);
    }

    [Fact]
    public void An_element_jmeter_cannot_load_is_named_with_its_line_in_the_plan()
    {
        string[] output =
        [
            "INFO    2026-12-04 02:05:47.893 [jmeter.s] (): Testplan (JMX) version: 2.2. Testlog (JTL) version: 2.2",
            "Error in NonGUIDriver java.lang.IllegalArgumentException: Problem loading XML from:'/r/plan.jmx', conversion error com.thoughtworks.xstream.converters.ConversionException: ",
            "---- Debugging information ----",
            "cause-exception     : com.thoughtworks.xstream.mapper.CannotResolveClassException",
            "path                : /jmeterTestPlan/hashTree/hashTree/hashTree[2]/com.example.MissingTimer",
            "line number         : 42",
        ];

        var reason = JMeterFailure.Reason(output, null, "none", "/r/plan.jmx", "plans/checkout.jmx");

        Assert.Contains("Problem loading XML from:'plans/checkout.jmx'", reason, StringComparison.Ordinal);
        Assert.Contains("install the plugin or JMeter module it needs", reason, StringComparison.Ordinal);
        Assert.Contains("(in the plan at line 42, element /jmeterTestPlan/hashTree/hashTree/hashTree[2]/com.example.MissingTimer)", reason, StringComparison.Ordinal);
        Assert.DoesNotContain("ConversionException: (", reason, StringComparison.Ordinal);
    }

    [Fact]
    public void A_non_zero_exit_is_stated_and_silence_falls_back_to_the_given_reason()
    {
        Assert.Equal("JMeter failed (exit code 1): nothing printed", JMeterFailure.Reason([], 1, "nothing printed"));
    }
}
