/**
 * electron-builder afterPack hook: flips Electron's security fuses in the packaged binary,
 * so the shipped app cannot be turned into a general Node runtime or be fed another app:
 *   RunAsNode off                      ELECTRON_RUN_AS_NODE is ignored
 *   NODE_OPTIONS / --inspect off       no code injection through the environment or CLI
 *   OnlyLoadAppFromAsar on             only the signed app.asar is loaded
 *   EmbeddedAsarIntegrityValidation on the asar must match the hash baked in at build time
 *   CookieEncryption on                the session's cookie store is encrypted with the OS key
 * Runs after packing and before signing, as the fuses change the binary's bytes.
 */
// electron-builder loads hooks with require(), so this file is CommonJS.
// eslint-disable-next-line @typescript-eslint/no-require-imports
const path = require('node:path');

/** The fuse settings, keyed by FuseV1Options member names. */
const FUSE_SETTINGS = {
  RunAsNode: false,
  EnableNodeOptionsEnvironmentVariable: false,
  EnableNodeCliInspectArguments: false,
  OnlyLoadAppFromAsar: true,
  EnableEmbeddedAsarIntegrityValidation: true,
  EnableCookieEncryption: true,
};

/** builder-util's Arch enum value for arm64. */
const ARCH_ARM64 = 3;

/** Where the packaged Electron executable (or .app bundle) is, per platform. */
function electronBinaryPath(context) {
  const { appOutDir, electronPlatformName, packager } = context;
  const name = packager.appInfo.productFilename;
  if (electronPlatformName === 'darwin' || electronPlatformName === 'mas') return path.join(appOutDir, `${name}.app`);
  if (electronPlatformName === 'win32') return path.join(appOutDir, `${name}.exe`);
  return path.join(appOutDir, packager.executableName);
}

function fuseConfig(FuseVersion, FuseV1Options) {
  const config = { version: FuseVersion.V1 };
  for (const [option, enabled] of Object.entries(FUSE_SETTINGS)) {
    if (FuseV1Options[option] === undefined) throw new Error(`@electron/fuses does not know the fuse ${option}`);
    config[FuseV1Options[option]] = enabled;
  }
  return config;
}

async function afterPack(context) {
  // @electron/fuses 2 is an ES module; import() loads it from CommonJS.
  const { flipFuses, FuseVersion, FuseV1Options } = await import('@electron/fuses');
  const isMacArm = context.electronPlatformName === 'darwin' && context.arch === ARCH_ARM64;
  await flipFuses(electronBinaryPath(context), {
    ...fuseConfig(FuseVersion, FuseV1Options),
    // Flipping fuses breaks the ad-hoc signature of arm64 macOS binaries; re-sign ad hoc.
    resetAdHocDarwinSignature: isMacArm,
  });
}

module.exports = afterPack;
module.exports.default = afterPack;
module.exports.FUSE_SETTINGS = FUSE_SETTINGS;
module.exports.electronBinaryPath = electronBinaryPath;
module.exports.fuseConfig = fuseConfig;
