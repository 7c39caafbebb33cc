using System.Text.RegularExpressions;
using LoadOps.Infra.Tests.Yaml;
using YamlDotNet.RepresentationModel;

namespace LoadOps.Infra.Tests.Aws;

public sealed class EcsStackTests
{
    private readonly YamlMappingNode resources = YamlFile.Load("infra/aws/loadops-ecs.yaml").Map("Resources");

    private List<YamlMappingNode> LauncherStatements() =>
        [.. Assert.Single(resources.Map("LauncherRole").Map("Properties").Child("Policies").Items())
            .Map("PolicyDocument").Child("Statement").Items().Cast<YamlMappingNode>()];

    /// <summary>
    /// The ECS actions the launcher code sends (X-Amz-Target of each <c>SendAsync("Action", ...)</c>), plus what AWS
    /// authorises alongside: tags on RunTask need ecs:TagResource, and a task definition with roles needs iam:PassRole.
    /// </summary>
    private static SortedSet<string> ActionsTheCodeCalls()
    {
        var source = string.Join("\n", Directory.EnumerateFiles(RepositoryFiles.PathOf("core/LoadOps.Cloud/Ecs"), "*.cs").Select(File.ReadAllText));
        var actions = new SortedSet<string>(StringComparer.Ordinal);
        foreach (Match call in Regex.Matches(source, @"SendAsync\(""(\w+)"""))
            actions.Add("ecs:" + call.Groups[1].Value);
        if (source.Contains("[\"tags\"]", StringComparison.Ordinal))
            actions.Add("ecs:TagResource");
        actions.Add("iam:PassRole");
        return actions;
    }

    [Fact]
    public void Launcher_role_allows_exactly_what_the_ecs_code_calls()
    {
        // Regression: RunTask always sends tags, and the role lacked ecs:TagResource (and ecs:ListTasks for the sweep).
        var actions = LauncherStatements().SelectMany(statement => statement.Child("Action").Items()).Select(action => action.Text()).Order();
        Assert.Equal(["ecs:DescribeTasks", "ecs:ListTasks", "ecs:RunTask", "ecs:StopTask", "ecs:TagResource", "iam:PassRole"], ActionsTheCodeCalls());
        Assert.Equal(ActionsTheCodeCalls(), actions);
        Assert.All(LauncherStatements(), statement => Assert.Equal("Allow", statement.Child("Effect").Text()));
        Assert.All(LauncherStatements(), statement => Assert.Null(statement.Child("NotAction")));
    }

    [Fact]
    public void Tagging_is_allowed_only_as_part_of_run_task()
    {
        var statement = Assert.Single(LauncherStatements(), candidate => candidate.Child("Action").Items().Any(action => action.Text() == "ecs:TagResource"));
        Assert.Equal("RunTask", statement.Map("Condition").Map("StringEquals").Child("ecs:CreateAction").Text());
    }

    [Fact]
    public void Install_guide_names_every_action_of_the_role()
    {
        var guide = RepositoryFiles.Read("docs/install-aws.md");
        Assert.All(ActionsTheCodeCalls(), action => Assert.Contains($"`{action}`", guide, StringComparison.Ordinal));
    }

    [Fact]
    public void No_statement_uses_a_wildcard_action_or_resource()
    {
        foreach (var statement in LauncherStatements())
        {
            Assert.All(statement.Child("Action").Items(), action => Assert.DoesNotContain("*", action.Text(), StringComparison.Ordinal));
            Assert.All(statement.Child("Resource").Items(), resource => Assert.NotEqual("*", resource.Text()));
        }
    }

    [Fact]
    public void Ecs_actions_are_conditioned_on_the_stack_cluster()
    {
        var ecsStatements = LauncherStatements()
            .Where(statement => statement.Child("Action").Items().Any(action => action.Text()!.StartsWith("ecs:", StringComparison.Ordinal)))
            .ToList();
        Assert.Equal(4, ecsStatements.Count);
        foreach (var statement in ecsStatements)
        {
            var cluster = statement.Map("Condition").Map("ArnEquals").Child("ecs:cluster");
            Assert.NotNull(cluster);
            Assert.Equal("!GetAtt Cluster.Arn", cluster.Show());
        }
    }

    [Fact]
    public void Pass_role_is_limited_to_the_task_and_execution_roles_for_ecs_tasks()
    {
        var statement = Assert.Single(LauncherStatements(), candidate => candidate.Child("Action").Items().Any(action => action.Text() == "iam:PassRole"));
        Assert.Equal(["!GetAtt TaskExecutionRole.Arn", "!GetAtt TaskRole.Arn"], statement.Child("Resource").Items().Select(resource => resource.Show()).Order());
        Assert.Equal("ecs-tasks.amazonaws.com", statement.Map("Condition").Map("StringEquals").Child("iam:PassedToService").Text());
    }

    [Fact]
    public void Only_the_named_principal_with_the_external_id_may_assume_the_launcher_role()
    {
        var trust = Assert.Single(resources.Map("LauncherRole").Map("Properties").Map("AssumeRolePolicyDocument").Child("Statement").Items());
        Assert.Equal("sts:AssumeRole", trust.Child("Action").Text());
        Assert.Equal("!Ref TrustedPrincipalArn", trust.Map("Principal").Child("AWS")!.Show());
        Assert.Equal("!Ref ExternalId", trust.Map("Condition").Map("StringEquals").Child("sts:ExternalId")!.Show());
    }

    [Fact]
    public void Runner_task_runs_on_fargate_and_logs_to_a_group_with_retention()
    {
        var task = resources.Map("RunnerTaskDefinition").Map("Properties");
        Assert.Equal(["FARGATE"], task.Child("RequiresCompatibilities").Items().Select(item => item.Text()));
        Assert.Equal("!Ref ImageUri", Assert.Single(task.Child("ContainerDefinitions").Items()).Child("Image")!.Show());
        var log = Assert.Single(task.Child("ContainerDefinitions").Items()).Map("LogConfiguration");
        Assert.Equal("awslogs", log.Child("LogDriver").Text());
        Assert.Equal("!Ref RunnerLogGroup", log.Map("Options").Child("awslogs-group")!.Show());
        Assert.NotNull(resources.Map("RunnerLogGroup").Map("Properties").Child("RetentionInDays"));
    }

    [Fact]
    public void Runner_security_group_has_no_ingress()
    {
        var group = resources.Map("RunnerSecurityGroup").Map("Properties");
        Assert.Null(group.Child("SecurityGroupIngress"));
        Assert.NotEmpty(group.Child("SecurityGroupEgress").Items());
        Assert.DoesNotContain(resources.Children.Values, resource => resource.Child("Type").Text() == "AWS::EC2::SecurityGroupIngress");
    }
}
