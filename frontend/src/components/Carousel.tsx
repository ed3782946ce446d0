import { CarrotIcon } from './Icons';
import { useState, type KeyboardEvent } from 'react';
import type { ProductImage } from '../api/types';
import { useI18n } from '../i18n';

export function Carousel({ images, title }: { images: ProductImage[]; title: string }) {
  const { t } = useI18n();
  const [i, setI] = useState(0);
  if (!images.length) {
    return (
      <div className="carousel carousel-empty" role="img" aria-label={t('product.noPhoto')}>
        <CarrotIcon size={96} />
      </div>
    );
  }
  const n = images.length;
  const go = (d: number) => setI((x) => (x + d + n) % n);
  const onKey = (e: KeyboardEvent) => {
    if (e.key === 'ArrowLeft') go(-1);
    if (e.key === 'ArrowRight') go(1);
  };
  const img = images[i];
  return (
    <div
      className="carousel"
      role="region"
      aria-roledescription="carousel"
      aria-label={title}
      // biome-ignore lint/a11y/noNoninteractiveTabindex: the carousel takes focus to be driven with the arrow keys (onKeyDown)
      tabIndex={0}
      onKeyDown={onKey}
    >
      <img
        key={img.id}
        src={img.url}
        alt={t('product.photo', { i: i + 1, n })}
        width={img.width}
        height={img.height}
        decoding="async"
        loading={i === 0 ? 'eager' : 'lazy'}
      />
      {n > 1 && (
        <>
          <button type="button" className="carousel-prev" aria-label={t('product.prevPhoto')} onClick={() => go(-1)}>
            ‹
          </button>
          <button type="button" className="carousel-next" aria-label={t('product.nextPhoto')} onClick={() => go(1)}>
            ›
          </button>
          <div className="dots" aria-live="polite">
            <span className="sr-only">{t('product.photo', { i: i + 1, n })}</span>
            {images.map((im, k) => (
              <span key={im.id} className={k === i ? 'dot dot-on' : 'dot'} aria-hidden="true" />
            ))}
          </div>
        </>
      )}
    </div>
  );
}
