namespace JobRec.Data.Skills;

/// <summary>Built-in alias groups for common skills; the first name of each group is the preferred one.</summary>
public static class SkillAliases
{
    /// <summary>The alias groups.</summary>
    public static IReadOnlyList<string[]> Groups { get; } =
    [
        ["JavaScript", "JS", "ECMAScript"],
        ["TypeScript", "TS"],
        ["machine learning", "ML"],
        ["deep learning", "DL"],
        ["artificial intelligence", "AI"],
        ["natural language processing", "NLP"],
        ["computer vision", "CV"],
        ["large language models", "LLM", "LLMs", "large language model"],
        ["Kubernetes", "k8s"],
        ["PostgreSQL", "Postgres", "psql"],
        ["Microsoft SQL Server", "SQL Server", "MSSQL", "MS SQL"],
        ["C#", "C sharp", "csharp"],
        ["C++", "cpp"],
        ["Go", "Golang"],
        ["Node.js", "NodeJS", "Node js"],
        ["React", "ReactJS", "React.js"],
        ["Vue.js", "Vue", "VueJS"],
        ["Angular", "AngularJS"],
        ["Microsoft Excel", "Excel", "MS Excel"],
        ["Microsoft Office", "MS Office", "Office 365", "Microsoft 365"],
        ["AWS", "Amazon Web Services"],
        ["Google Cloud Platform", "GCP", "Google Cloud"],
        ["Microsoft Azure", "Azure"],
        ["CI/CD", "continuous integration", "continuous delivery"],
        ["REST APIs", "REST API", "RESTful APIs", "RESTful"],
        ["Python", "Python 3", "Python3"],
        ["scikit-learn", "sklearn"],
        ["PyTorch", "Torch"],
        ["TensorFlow", "TF"],
        ["user experience design", "UX", "UX design"],
        ["user interface design", "UI design"],
        ["search engine optimization", "SEO"],
        ["customer relationship management", "CRM"],
        ["electronic health records", "EHR", "EMR", "electronic medical records"],
        ["basic life support", "BLS"],
        ["cardiopulmonary resuscitation", "CPR"],
        ["commercial driver's license", "CDL"],
        ["Occupational Safety and Health Administration", "OSHA"],
        ["enterprise resource planning", "ERP"],
        ["programmable logic controllers", "PLC", "PLC programming"],
        ["key performance indicators", "KPIs", "KPI"],
    ];
}
