namespace Gatewayz.Tests.Containers.Stack;

/// <summary>
/// Read the AppHost's sources as text and check them against <c>containers/</c> and its README: mounts exist,
/// documented variables are set, images agree. (Gatewayz.AppHost.Tests checks the built model itself.)
/// </summary>
public class AppHostConsistencyTests
{
    [Fact]
    public void Every_bind_mount_source_in_the_apphost_exists()
    {
        var sources = StackFiles.AppHostBindMountSources();

        sources.Count.ShouldBeGreaterThanOrEqualTo(9);
        var missing = sources
            .Where(source => !Path.Exists(Path.GetFullPath(source, StackFiles.AppHostDirectory)))
            .ToList();
        missing.ShouldBeEmpty();
    }

    [Fact]
    public void Every_config_folder_with_a_config_file_is_mounted_by_the_apphost()
    {
        var mounted = StackFiles.AppHostBindMountSources()
            .Select(source => Path.GetFullPath(source, StackFiles.AppHostDirectory))
            .ToList();

        var unmounted = StackFiles.ConfigFiles()
            .Where(path => !mounted.Any(mount => path.StartsWith(mount + Path.DirectorySeparatorChar, StringComparison.Ordinal)))
            .Where(path => !path.Contains($"{Path.DirectorySeparatorChar}tests{Path.DirectorySeparatorChar}", StringComparison.Ordinal))
            .ToList();

        unmounted.ShouldBeEmpty();
    }

    [Fact]
    public void Every_variable_the_containers_expect_is_set_by_the_apphost()
    {
        var set = StackFiles.VariablesSetByAppHost();
        var expected = StackFiles.DocumentedVariables()
            .Concat(StackFiles.RequiredVariables().Select(reference => reference.Variable))
            .ToHashSet();

        expected.Count.ShouldBeGreaterThan(30);
        expected.Where(variable => !set.Contains(variable)).Order().ToList().ShouldBeEmpty();
    }

    [Fact]
    public void The_apphost_pins_the_images_and_tags_listed_in_the_containers_readme()
    {
        var readme = StackFiles.ReadmeImageTags();
        var appHost = StackFiles.AppHostImageTags();

        readme.Count.ShouldBe(11);
        appHost.ShouldBe(readme, ignoreOrder: true);
    }

    [Fact]
    public void No_image_is_pinned_to_latest()
    {
        StackFiles.AppHostImageTags().Values.ShouldAllBe(tag => tag != "latest" && tag.Length > 0);
    }
}
