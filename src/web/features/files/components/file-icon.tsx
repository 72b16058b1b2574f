import {
  File,
  FileArchive,
  FileBraces,
  FileCode,
  FileImage,
  FileText,
  Folder,
  type LucideIcon,
} from 'lucide-react';
import { cn } from '../../../lib/cn';

const BY_EXTENSION: Record<string, LucideIcon> = {};
const register = (icon: LucideIcon, exts: string) => exts.split(' ').forEach((e) => (BY_EXTENSION[e] = icon));
register(FileText, 'txt md markdown log csv tsv rst ini cfg conf env');
register(FileBraces, 'json jsonl ndjson yaml yml toml xml');
register(FileCode, 'js mjs cjs ts tsx jsx py rb go rs java c h cpp cs sh bash zsh ps1 html css sql');
register(FileImage, 'png jpg jpeg gif webp avif bmp ico svg');
register(FileArchive, 'zip gz tgz bz2 xz 7z rar tar');

/** A folder or a file icon that hints at the kind of file; decorative, the name says what it is. */
export function FileIcon({
  name,
  isDirectory,
  className,
}: {
  name: string;
  isDirectory: boolean;
  className?: string;
}) {
  if (isDirectory) {
    return (
      <Folder aria-hidden="true" className={cn('size-4 shrink-0 fill-primary/15 text-primary', className)} />
    );
  }
  const dot = name.lastIndexOf('.');
  const Icon = (dot > 0 && BY_EXTENSION[name.slice(dot + 1).toLowerCase()]) || File;
  return <Icon aria-hidden="true" className={cn('size-4 shrink-0 text-muted-foreground', className)} />;
}
