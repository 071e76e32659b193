/** Pixel size of an image as it is displayed (EXIF rotation applied), read with image-size. */
import { imageSizeFromFile } from 'image-size/fromFile';

export interface ImageFacts {
  width: number;
  height: number;
}

export async function readImageFacts(file: string): Promise<ImageFacts> {
  const size = await imageSizeFromFile(file);
  if (!size.width || !size.height) throw new Error('the image header has no width or height');
  // EXIF orientations 5-8 turn the picture a quarter: the displayed width is the stored height.
  const turned = size.orientation !== undefined && size.orientation >= 5;
  return turned ? { width: size.height, height: size.width } : { width: size.width, height: size.height };
}
