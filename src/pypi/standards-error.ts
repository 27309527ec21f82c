// The errors of the standards modules: text that breaks a packaging standard or pip's formats (a version specifier,
// a requirement, a marker, a platform or Python version, a pip configuration or requirements file). The message is
// one line naming the text; the command boundary (cli.ts) prints it as `pyguard: ...` with the usage exit code.

export class StandardsError extends Error {
  constructor(message: string) {
    super(message);
    this.name = new.target.name;
  }
}

/** A PEP 440 version specifier that does not parse. */
export class InvalidSpecifier extends StandardsError {}
/** A PEP 508 requirement that does not parse. */
export class InvalidRequirement extends StandardsError {}
/** A PEP 508 environment marker that does not parse or compares nonsense. */
export class InvalidMarker extends StandardsError {}
/** A platform tag or Python version pyguard cannot build a target environment for. */
export class UnsupportedTarget extends StandardsError {}
/** A pip configuration file or PIP_* variable that cannot be read or parsed. */
export class PipConfigError extends StandardsError {}
/** A pip requirements file (or one it includes) that cannot be read or parsed; the message names file:line. */
export class RequirementsFileError extends StandardsError {}
/** A pyproject.toml that is not valid TOML or declares its dependencies in a shape PEP 621/735 does not allow. */
export class ProjectFileError extends StandardsError {}
