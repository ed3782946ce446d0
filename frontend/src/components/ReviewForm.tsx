import { useMutation, useQueryClient } from '@tanstack/react-query';
import { type FormEvent, useState } from 'react';
import { postReview } from '../api/endpoints';
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
