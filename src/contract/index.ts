export * from './common';
export * from './agents';
export * from './sessions';
export * from './files';
export * from './logs';
export * from './paths';
export * from './connections';
export * from './audit';
