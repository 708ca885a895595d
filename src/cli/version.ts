/** Sluice's version, as `sluice --version` prints it (package.json's; a test keeps the two equal). */
export const SLUICE_VERSION = '0.1.0';
