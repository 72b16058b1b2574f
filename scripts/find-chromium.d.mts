export type ChromiumLookup = { found: true; executablePath: string } | { found: false; message: string };

export declare function findChromium(env?: NodeJS.ProcessEnv): ChromiumLookup;
