using System.Text.Json;

namespace RunbotVsCode.Layers.Tests;

/// <summary>The content of a golden <c>.in.json</c> file; property names are the database column names.</summary>
public sealed class GoldenInput
{
    /// <summary>Gets or sets what the case checks, in a sentence.</summary>
    public string Description { get; set; } = string.Empty;

    /// <summary>Gets or sets the runbot process user.</summary>
    public GoldenUser User { get; set; } = new();

    /// <summary>Gets or sets which Dockerfile or layer to render.</summary>
    public GoldenTarget Render { get; set; } = new();

    /// <summary>Gets or sets the <c>runbot_dockerfile</c> rows.</summary>
    public List<GoldenDockerfile> Dockerfiles { get; set; } = [];

    /// <summary>Gets or sets the <c>runbot_docker_layer</c> rows.</summary>
    public List<GoldenLayer> Layers { get; set; } = [];

    /// <summary>Gets or sets the expected problem messages, in order.</summary>
    public List<string> Problems { get; set; } = [];

    /// <summary>The runbot process user of a case.</summary>
    public sealed class GoldenUser
    {
        /// <summary>Gets or sets the user id.</summary>
        public int Uid { get; set; } = 1000;

        /// <summary>Gets or sets the group id.</summary>
        public int Gid { get; set; } = 1000;

        /// <summary>Gets or sets the user name.</summary>
        public string Name { get; set; } = "runbot";
    }

    /// <summary>What a case renders: a whole Dockerfile or a single layer.</summary>
    public sealed class GoldenTarget
    {
        /// <summary>Gets or sets the Dockerfile id to render.</summary>
        public int? Dockerfile { get; set; }

        /// <summary>Gets or sets the layer id to render on its own.</summary>
        public int? Layer { get; set; }
    }

    /// <summary>A <c>runbot_dockerfile</c> row.</summary>
    public sealed class GoldenDockerfile
    {
        /// <summary>Gets or sets <c>id</c>.</summary>
        public int Id { get; set; }

        /// <summary>Gets or sets <c>name</c>.</summary>
        public string Name { get; set; } = string.Empty;

        /// <summary>Gets or sets <c>parent_id</c>.</summary>
        public int? ParentId { get; set; }

        /// <summary>Gets or sets <c>active</c>.</summary>
        public bool? Active { get; set; }

        /// <summary>Gets or sets <c>image_tag</c>.</summary>
        public string? ImageTag { get; set; }

        /// <summary>Gets or sets <c>default_values</c>.</summary>
        public JsonElement? DefaultValues { get; set; }
    }

    /// <summary>A <c>runbot_docker_layer</c> row.</summary>
    public sealed class GoldenLayer
    {
        /// <summary>Gets or sets <c>id</c>.</summary>
        public int Id { get; set; }

        /// <summary>Gets or sets <c>name</c>.</summary>
        public string Name { get; set; } = string.Empty;

        /// <summary>Gets or sets <c>sequence</c>.</summary>
        public int? Sequence { get; set; }

        /// <summary>Gets or sets <c>dockerfile_id</c>.</summary>
        public int? DockerfileId { get; set; }

        /// <summary>Gets or sets <c>layer_type</c>.</summary>
        public string? LayerType { get; set; }

        /// <summary>Gets or sets <c>content</c>.</summary>
        public string? Content { get; set; }

        /// <summary>Gets or sets <c>packages</c>.</summary>
        public string? Packages { get; set; }

        /// <summary>Gets or sets <c>file_destination</c>.</summary>
        public string? FileDestination { get; set; }

        /// <summary>Gets or sets <c>reference_docker_layer_id</c>.</summary>
        public int? ReferenceDockerLayerId { get; set; }

        /// <summary>Gets or sets <c>reference_dockerfile_id</c>.</summary>
        public int? ReferenceDockerfileId { get; set; }

        /// <summary>Gets or sets <c>values</c>.</summary>
        public JsonElement? Values { get; set; }
    }
}
