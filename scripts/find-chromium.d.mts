export type ChromiumLookup = { found: true; executablePath: string } | { found: false; message: string };

export declare function findChromium(env?: NodeJS.ProcessEnv): ChromiumLookup;

export declare const CHROMIUM_ARGS: readonly string[];
