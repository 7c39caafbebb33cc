using LoadOps.Infra.Tests.Yaml;
using YamlDotNet.RepresentationModel;

namespace LoadOps.Infra.Tests.Aws;

public sealed class EcsStackTests
{
    private readonly YamlMappingNode resources = YamlFile.Load("infra/aws/loadops-ecs.yaml").Map("Resources");

    private List<YamlMappingNode> LauncherStatements() =>
        [.. Assert.Single(resources.Map("LauncherRole").Map("Properties").Child("Policies").Items())
            .Map("PolicyDocument").Child("Statement").Items().Cast<YamlMappingNode>()];

    [Fact]
    public void Launcher_role_allows_exactly_run_describe_stop_and_pass_role()
    {
        var actions = LauncherStatements().SelectMany(statement => statement.Child("Action").Items()).Select(action => action.Text()).Order();
        Assert.Equal(["ecs:DescribeTasks", "ecs:RunTask", "ecs:StopTask", "iam:PassRole"], actions);
        Assert.All(LauncherStatements(), statement => Assert.Equal("Allow", statement.Child("Effect").Text()));
        Assert.All(LauncherStatements(), statement => Assert.Null(statement.Child("NotAction")));
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
        Assert.Equal(2, ecsStatements.Count);
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
