import type { AnnotationDto } from './dto';

/** Reading order: by start, the longer (enclosing) span first, then oldest first. */
export function compareTextOrder(a: AnnotationDto, b: AnnotationDto): number {
  return a.start - b.start || b.end - a.end || a.createdAt.localeCompare(b.createdAt) || a.id.localeCompare(b.id);
}
