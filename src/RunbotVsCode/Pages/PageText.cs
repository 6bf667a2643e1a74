namespace RunbotVsCode.Pages;

/// <summary>The words of each page in English and Spanish. <c>{0}</c> is the build id.</summary>
internal static class PageText
{
    private static readonly Dictionary<(PageKind Kind, string Language), (string Title, string Message)> Texts = new()
    {
        [(PageKind.Forbidden, "en")] = ("Access denied", "Only active internal users of runbot can open VS Code in a build. Ask a runbot administrator if you need access."),
        [(PageKind.Forbidden, "es")] = ("Acceso denegado", "Solo los usuarios internos activos de runbot pueden abrir VS Code en una build. Pide acceso a un administrador de runbot si lo necesitas."),
        [(PageKind.BuildNotFound, "en")] = ("Build not found", "There is no build {0} in runbot. Check the link."),
        [(PageKind.BuildNotFound, "es")] = ("Build no encontrada", "No existe la build {0} en runbot. Revisa el enlace."),
        [(PageKind.BuildNotRunning, "en")] = ("Build not running", "Build {0} is not running, so there is no container to open. Wake it up in runbot first, then try again."),
        [(PageKind.BuildNotRunning, "es")] = ("La build no está en ejecución", "La build {0} no está en ejecución, así que no hay contenedor que abrir. Despiértala primero en runbot y vuelve a intentarlo."),
        [(PageKind.NoCodeServer, "en")] = ("No VS Code in this build", "The image of build {0} does not include code-server. Ask a runbot administrator to attach the code-server layer to its Dockerfile."),
        [(PageKind.NoCodeServer, "es")] = ("Esta build no tiene VS Code", "La imagen de la build {0} no incluye code-server. Pide a un administrador de runbot que añada la capa de code-server a su Dockerfile."),
        [(PageKind.Asleep, "en")] = ("This build is asleep", "The container of build {0} is not running. Wake it up in runbot first, then try again."),
        [(PageKind.Asleep, "es")] = ("Esta build está dormida", "El contenedor de la build {0} no está en ejecución. Despiértala primero en runbot y vuelve a intentarlo."),
        [(PageKind.StartFailed, "en")] = ("VS Code did not start", "code-server could not be started in build {0}. Try again in a moment; if it keeps failing, give this page to a runbot administrator."),
        [(PageKind.StartFailed, "es")] = ("VS Code no arrancó", "No se pudo arrancar code-server en la build {0}. Vuelve a intentarlo en un momento; si sigue fallando, pasa esta página a un administrador de runbot."),
        [(PageKind.TicketInvalid, "en")] = ("Link expired", "This link to VS Code of build {0} is invalid, expired or already used. Open VS Code again from runbot."),
        [(PageKind.TicketInvalid, "es")] = ("Enlace caducado", "Este enlace a VS Code de la build {0} no es válido, ha caducado o ya se usó. Vuelve a abrir VS Code desde runbot."),
        [(PageKind.RedirectLoop, "en")] = ("Your browser did not keep access", "Access to build {0} was granted several times in a row but your browser did not keep it. Allow cookies for this site and check that your clock is right, then try again."),
        [(PageKind.RedirectLoop, "es")] = ("Tu navegador no conservó el acceso", "Se concedió acceso a la build {0} varias veces seguidas pero tu navegador no lo conservó. Permite las cookies de este sitio y comprueba que la hora de tu equipo es correcta, y vuelve a intentarlo."),
        [(PageKind.Unavailable, "en")] = ("Runbot is not answering", "Runbot could not be asked who you are or what build {0} is. Try again in a moment."),
        [(PageKind.Unavailable, "es")] = ("Runbot no responde", "No se pudo consultar a runbot quién eres o qué es la build {0}. Vuelve a intentarlo en un momento."),
        [(PageKind.BuildNotRoutable, "en")] = ("VS Code cannot be reached for this build", "Build {0} has database values that cannot form its VS Code address. Give this page to a runbot administrator."),
        [(PageKind.BuildNotRoutable, "es")] = ("No se puede llegar a VS Code de esta build", "La build {0} tiene valores en la base de datos con los que no se puede formar su dirección de VS Code. Pasa esta página a un administrador de runbot."),
    };

    private static readonly Dictionary<string, string> BackLinks = new()
    {
        ["en"] = "Back to the build in runbot",
        ["es"] = "Volver a la build en runbot",
    };

    /// <summary>Returns the title and message of <paramref name="kind"/> in <paramref name="language"/>.</summary>
    public static (string Title, string Message) For(PageKind kind, string language) => Texts[(kind, language)];

    /// <summary>Returns the label of the link back to the build.</summary>
    public static string BackLink(string language) => BackLinks[language];
}
