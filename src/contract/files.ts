import { Type, type Static } from 'typebox';

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
