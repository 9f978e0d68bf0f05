/**
 * The classes PowerShell Desired State Configuration registers before any resource schema is compiled
 * (corpora SOURCES.md): every resource derives from `OMI_BaseResource`, credentials are embedded
 * `MSFT_Credential` instances, and a compiled configuration starts with an `OMI_ConfigurationDocument`.
 * Written for mofgen from those documented facts; the descriptions are mofgen's own.
 */
export const dscClassesMof = `
[Abstract, Description("Root of every DSC resource: what the configuration engine sets on each one.")]
class OMI_BaseResource {
  [Required, Description("Identifies the resource within its configuration.")] string ResourceId;
  [Write, Description("Where the resource is written in the configuration script.")] string SourceInfo;
  [Write, Description("Resources that must be applied before this one.")] string DependsOn[];
  [Required, Description("Module that holds the resource.")] string ModuleName;
  [Required, Description("Version of that module.")] string ModuleVersion;
  [Write, Description("Configuration the resource belongs to.")] string ConfigurationName;
  [Write, EmbeddedInstance("MSFT_Credential"), Description("Account the resource is applied as.")]
  string PsDscRunAsCredential;
};

[Description("A user name and password, embedded in resources that need an account.")]
class MSFT_Credential {
  [MaxLen(256)] string UserName;
  [MaxLen(256)] string Password;
};

[Description("A named string value.")]
class MSFT_KeyValuePair {
  [Key] string Key;
  [Write] string Value;
};

[Description("Facts about a compiled configuration document.")]
class OMI_ConfigurationDocument {
  string Version;
  string MinimumCompatibleVersion;
  string CompatibleVersionAdditionalProperties[];
  string Author;
  string Copyright;
  string HelpInfoUri;
  string ContentType;
  string GenerationDate;
  string GenerationHost;
  string Name;
};
`;
