import { Type, type Static } from 'typebox';

/**
 * Longest file path, in UTF-8 bytes: Linux's PATH_MAX (4096) less its closing NUL. The host also holds the
 * path it makes on disk (its data folder plus the session home plus this) to the same limit, so a path
 * near it may still be refused by a host whose data folder is deep.
 */
export const MAX_PATH_BYTES = 4095;
/** Longest name of one file or folder in a path, in UTF-8 bytes: Linux's NAME_MAX. */
export const MAX_NAME_BYTES = 255;

export const FileEntry = Type.Object({
  name: Type.String(),
  size: Type.Integer({ minimum: 0 }),
  is_directory: Type.Boolean(),
  modified_time: Type.Integer({ minimum: 0 }),
});
export type FileEntry = Static<typeof FileEntry>;

export const FileList = Type.Object({
  path: Type.String(),
  entries: Type.Array(FileEntry),
  first_id: Type.Optional(Type.String()),
  last_id: Type.Optional(Type.String()),
  has_more: Type.Boolean(),
});
export type FileList = Static<typeof FileList>;

export const FilePathQuery = Type.Object({ path: Type.String() });

export const FileListQuery = Type.Object({
  path: Type.Optional(Type.String()),
  limit: Type.Optional(Type.Integer({ minimum: 1, maximum: 100 })),
  order: Type.Optional(Type.Union([Type.Literal('asc'), Type.Literal('desc')])),
  after: Type.Optional(Type.String({ minLength: 1 })),
  before: Type.Optional(Type.String({ minLength: 1 })),
});

export const FileDeleteQuery = Type.Object({
  path: Type.String(),
  recursive: Type.Optional(Type.Boolean()),
});

export const UploadResult = Type.Object({
  path: Type.String(),
  bytes_written: Type.Integer({ minimum: 0 }),
});
export type UploadResult = Static<typeof UploadResult>;
