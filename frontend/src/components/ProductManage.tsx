import { useState } from 'react';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { Link, useNavigate } from 'react-router-dom';
import { bumpProduct, changeStatus, chatPartnersFor, deleteProduct } from '../api/endpoints';
import { PRODUCT_STATUSES, type ProductStatus, type ProductSummary } from '../api/types';
import { useI18n } from '../i18n';
import { keys } from '../lib/queries';
import { InlineError } from './Status';

/** Owner actions on one listing: status (with buyer for 거래완료), bump, edit, delete. */
export function ProductManage({ product, afterDelete }: { product: ProductSummary; afterDelete?: string }) {
  const { t } = useI18n();
  const qc = useQueryClient();
  const navigate = useNavigate();
  const [status, setStatus] = useState<ProductStatus>(product.status);
  // A reserved listing keeps its buyer when it becomes 거래완료 unless the seller picks another.
  const [buyerId, setBuyerId] = useState(product.buyerId ?? '');
  const [note, setNote] = useState('');
  // Its own key under 'rooms' (the chat list caches that endpoint as an infinite query).
  const partners = useQuery({
    queryKey: [...keys.rooms, 'partners', product.id],
    queryFn: () => chatPartnersFor(product.id),
    enabled: status !== 'ON_SALE',
  });
  const buyers = partners.data ?? [];

  const refresh = () => {
    void qc.invalidateQueries({ queryKey: keys.product(product.id) });
    void qc.invalidateQueries({ queryKey: ['myProducts'] });
    void qc.invalidateQueries({ queryKey: ['products'] });
  };
  const statusM = useMutation({
    mutationFn: () => changeStatus(product.id, status, status !== 'ON_SALE' && buyerId ? buyerId : undefined),
    onSuccess: () => {
      setNote(t('common.saved'));
      refresh();
    },
  });
  const bumpM = useMutation({
    mutationFn: () => bumpProduct(product.id),
    onSuccess: () => {
      setNote(t('my.bumped'));
      refresh();
    },
  });
  const deleteM = useMutation({
    mutationFn: () => deleteProduct(product.id),
    onSuccess: () => {
      refresh();
      if (afterDelete) navigate(afterDelete);
    },
  });
  const uid = `m${product.id}`;
  return (
    <div className="manage" aria-label={t('product.manage')} role="group">
      <div className="manage-row">
        <label htmlFor={`${uid}-status`}>{t('my.changeStatus')}</label>
        <select id={`${uid}-status`} value={status} onChange={(e) => setStatus(e.target.value as ProductStatus)}>
          {PRODUCT_STATUSES.map((s) => (
            <option key={s} value={s}>
              {t(`status.${s}`)}
            </option>
          ))}
        </select>
        {status !== 'ON_SALE' && (
          <>
            <label htmlFor={`${uid}-buyer`} className="sr-only">
              {t('my.chooseBuyer')}
            </label>
            <select id={`${uid}-buyer`} value={buyerId} onChange={(e) => setBuyerId(e.target.value)}>
              <option value="">{t('my.chooseBuyer')}</option>
              {buyers.map((b) => (
                <option key={b.id} value={b.id}>
                  {b.nickname ?? b.id}
                </option>
              ))}
            </select>
          </>
        )}
        <button
          type="button"
          className="btn btn-small"
          disabled={statusM.isPending || (status === product.status && !buyerId)}
          onClick={() => statusM.mutate()}
        >
          {t('my.apply')}
        </button>
      </div>
      <div className="manage-row">
        <button
          type="button"
          className="btn btn-ghost btn-small"
          disabled={bumpM.isPending}
          onClick={() => bumpM.mutate()}
        >
          {t('my.bump')}
        </button>
        <Link className="btn btn-ghost btn-small" to={`/products/${product.id}/edit`}>
          {t('common.edit')}
        </Link>
        <button
          type="button"
          className="btn btn-danger btn-small"
          disabled={deleteM.isPending}
          onClick={() => {
            if (window.confirm(t('common.confirmDelete'))) deleteM.mutate();
          }}
        >
          {t('common.delete')}
        </button>
      </div>
      <p role="status" className="note">
        {note}
      </p>
      <InlineError error={statusM.error ?? bumpM.error ?? deleteM.error} />
    </div>
  );
}
