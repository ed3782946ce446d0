import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { type FormEvent, useState } from 'react';
import { getMyReview, postReview } from '../api/endpoints';
import { NEGATIVE_CHIPS, POSITIVE_CHIPS, RATINGS, type Rating, type ReviewChip } from '../api/types';
import { useI18n } from '../i18n';
import { keys } from '../lib/queries';
import { InlineError } from './Status';

/** 거래후기: a rating, the chips of its side (positive for GREAT/GOOD, negative for BAD) and optional text. */
export function ReviewForm({ productId, onDone }: { productId: number; onDone?: () => void }) {
  const { t } = useI18n();
  const qc = useQueryClient();
  const [rating, setRating] = useState<Rating | null>(null);
  const [chips, setChips] = useState<ReviewChip[]>([]);
  const [comment, setComment] = useState('');
  const send = useMutation({
    mutationFn: () =>
      postReview(productId, {
        rating: rating as Rating,
        chips,
        ...(comment.trim() ? { comment: comment.trim() } : {}),
      }),
    onSuccess: () => {
      void qc.invalidateQueries({ queryKey: keys.myReview(productId) });
      onDone?.();
    },
  });
  const choose = (r: Rating) => {
    setRating(r);
    // chips of the other side do not fit the new rating
    setChips((cs) => cs.filter((c) => (r === 'BAD' ? NEGATIVE_CHIPS : POSITIVE_CHIPS).includes(c)));
  };
  const toggle = (c: ReviewChip) => setChips((cs) => (cs.includes(c) ? cs.filter((x) => x !== c) : [...cs, c]));
  const onSubmit = (e: FormEvent) => {
    e.preventDefault();
    if (rating) send.mutate();
  };
  const side = rating === 'BAD' ? NEGATIVE_CHIPS : POSITIVE_CHIPS;
  return (
    <form className="review-form" onSubmit={onSubmit} aria-label={t('review.title')}>
      <fieldset>
        <legend>{t('review.rating')}</legend>
        {RATINGS.map((r) => (
          <label key={r} className={`chip ${rating === r ? 'chip-on' : ''}`}>
            <input type="radio" name="rating" value={r} checked={rating === r} onChange={() => choose(r)} />
            {t(`review.rating.${r}`)}
          </label>
        ))}
      </fieldset>
      {rating && (
        <fieldset>
          <legend>{rating === 'BAD' ? t('review.chipsBad') : t('review.chips')}</legend>
          {side.map((c) => (
            <label key={c} className={`chip ${chips.includes(c) ? 'chip-on' : ''}`}>
              <input type="checkbox" checked={chips.includes(c)} onChange={() => toggle(c)} />
              {t(`review.chip.${c}`)}
            </label>
          ))}
        </fieldset>
      )}
      <label>
        {t('review.comment')}
        <textarea maxLength={1000} value={comment} onChange={(e) => setComment(e.target.value)} rows={3} />
      </label>
      {send.isError && <InlineError error={send.error} />}
      <button type="submit" className="btn btn-small" disabled={!rating || send.isPending}>
        {t('review.submit')}
      </button>
    </form>
  );
}

/**
 * 거래완료: "거래가 완료되었어요. 후기를 남겨주세요" with the review form, shown while the caller is a party of the
 * listing's trade who has not reviewed yet (GET /api/products/{id}/reviews/mine; DESIGN.md §5). Renders nothing
 * for a listing that is not sold or a caller who is not a party or already reviewed.
 */
export function ReviewBanner({ productId, sold }: { productId: number; sold: boolean }) {
  const { t } = useI18n();
  const [open, setOpen] = useState(false);
  const mine = useQuery({
    queryKey: keys.myReview(productId),
    queryFn: () => getMyReview(productId),
    enabled: sold,
  });
  if (!sold || !mine.data?.canReview) return null;
  return (
    <div className="review-banner" role="status">
      <p>{t('review.banner')}</p>
      {open ? (
        <ReviewForm productId={productId} onDone={() => setOpen(false)} />
      ) : (
        <button type="button" className="btn btn-small" onClick={() => setOpen(true)}>
          {t('review.write')}
        </button>
      )}
    </div>
  );
}
