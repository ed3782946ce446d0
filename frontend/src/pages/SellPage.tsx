import { CameraIcon } from '../components/Icons';
import { useEffect, useRef, useState, type FormEvent } from 'react';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { Link, useNavigate, useParams } from 'react-router-dom';
import { ApiError, errorMessage } from '../api/client';
import { createProduct, deleteImage, getProduct, updateProduct, uploadImages } from '../api/endpoints';
import type { ProductImage, ProductInput } from '../api/types';
import { useAuth } from '../auth/AuthContext';
import { ErrorState, Forbidden, InlineError, Loading } from '../components/Status';
import { useI18n } from '../i18n';
import { parsePriceInput } from '../lib/format';
import { VerifiedBadge } from '../components/Neighbourhood';
import { keys, useCategories, useMe } from '../lib/queries';

const MAX_PHOTOS = 10;
const MAX_BYTES = 10 * 1024 * 1024;
const TYPES = ['image/jpeg', 'image/png', 'image/webp'];

interface LocalPhoto {
  key: string;
  file: File;
  preview: string;
}

/** Moves item i by d places (−1 earlier, +1 later); out of range leaves the list as it is. */
export function move<T>(list: T[], i: number, d: number): T[] {
  const j = i + d;
  if (j < 0 || j >= list.length) return list;
  const copy = [...list];
  [copy[i], copy[j]] = [copy[j], copy[i]];
  return copy;
}

export default function SellPage() {
  const { id: rawId } = useParams();
  const editId = rawId ? Number(rawId) : null;
  const { t, lang } = useI18n();
  const { user } = useAuth();
  const navigate = useNavigate();
  const qc = useQueryClient();
  const me = useMe();
  const categories = useCategories();
  const existing = useQuery({
    queryKey: keys.product(editId ?? -1),
    queryFn: () => getProduct(editId!),
    enabled: editId !== null,
  });

  const [title, setTitle] = useState('');
  const [category, setCategory] = useState('');
  const [priceText, setPriceText] = useState('');
  const [free, setFree] = useState(false);
  const [negotiable, setNegotiable] = useState(false);
  const [region, setRegion] = useState('');
  const [description, setDescription] = useState('');
  const [photos, setPhotos] = useState<LocalPhoto[]>([]);
  const [serverImages, setServerImages] = useState<ProductImage[]>([]);
  const [photoError, setPhotoError] = useState('');
  const [progress, setProgress] = useState<number | null>(null);
  const [createdId, setCreatedId] = useState<number | null>(null);
  const [version, setVersion] = useState<number | null>(null);
  const [formError, setFormError] = useState('');
  const fileInput = useRef<HTMLInputElement>(null);
  const loaded = useRef(false);

  // a new listing goes in the seller's verified 동네 (the server decides); an edit keeps the listing's 동
  const shownRegion = editId === null ? (me.data?.region ?? '') : region;

  useEffect(() => {
    const p = existing.data;
    if (!p || loaded.current) return;
    loaded.current = true;
    setTitle(p.title);
    setCategory(p.category);
    setFree(p.price === 0);
    setPriceText(p.price === 0 ? '' : String(p.price));
    setNegotiable(p.negotiable);
    setRegion(p.region);
    setDescription(p.description);
    setServerImages(p.images ?? []);
    setVersion(p.version);
  }, [existing.data]);

  // biome-ignore lint/correctness/useExhaustiveDependencies: revoke the previews left at unmount only (removing a photo revokes its own)
  useEffect(
    () => () => {
      for (const p of photos) URL.revokeObjectURL(p.preview);
    },
    [],
  );

  const addFiles = (files: FileList | null) => {
    if (!files) return;
    setPhotoError('');
    const room = MAX_PHOTOS - serverImages.length - photos.length;
    const ok: LocalPhoto[] = [];
    for (const f of Array.from(files)) {
      if (!TYPES.includes(f.type) || f.size > MAX_BYTES) {
        setPhotoError(t('sell.tooBig'));
        continue;
      }
      if (ok.length >= room) {
        setPhotoError(t('sell.tooMany'));
        break;
      }
      ok.push({ key: `${f.name}-${f.size}-${Math.random()}`, file: f, preview: URL.createObjectURL(f) });
    }
    setPhotos((p) => [...p, ...ok]);
    if (fileInput.current) fileInput.current.value = '';
  };

  const removeServerImage = useMutation({
    mutationFn: (img: ProductImage) => deleteImage(editId!, img.id),
    onSuccess: (_, img) => setServerImages((s) => s.filter((x) => x.id !== img.id)),
  });

  const save = useMutation({
    mutationFn: async () => {
      const price = free ? 0 : parsePriceInput(priceText);
      if (!title.trim() || !category || !description.trim() || price === null) {
        throw new Error(t('sell.required'));
      }
      const input: ProductInput = {
        title: title.trim(),
        description: description.trim(),
        price,
        negotiable: price > 0 && negotiable,
        category,
      };
      const targetId = editId ?? createdId;
      let id: number;
      if (targetId !== null && version !== null) {
        const p = await updateProduct(targetId, input, version);
        id = p.id;
        setVersion(p.version);
      } else {
        const p = await createProduct(input);
        id = p.id;
        setCreatedId(p.id);
        setVersion(p.version);
      }
      if (photos.length) {
        setProgress(0);
        try {
          await uploadImages(
            id,
            photos.map((p) => p.file),
            setProgress,
          );
          setPhotos([]);
        } catch (e) {
          throw new Error(t('sell.uploadFailed', { e: errorMessage(e) }));
        } finally {
          setProgress(null);
        }
      }
      return id;
    },
    onSuccess: (id) => {
      void qc.invalidateQueries({ queryKey: ['products'] });
      void qc.invalidateQueries({ queryKey: ['myProducts'] });
      void qc.invalidateQueries({ queryKey: keys.product(id) });
      navigate(`/products/${id}`, { replace: true });
    },
    onError: (e) => setFormError(errorMessage(e)),
  });

  if (editId !== null) {
    if (existing.isPending) return <Loading />;
    if (existing.isError) return <ErrorState error={existing.error} onRetry={() => void existing.refetch()} />;
    if (existing.data.seller.id !== user?.id) return <Forbidden />;
  }

  const onSubmit = (e: FormEvent) => {
    e.preventDefault();
    setFormError('');
    save.mutate();
  };
  const fieldErr = (f: string) => (save.error instanceof ApiError ? save.error.fieldError(f) : undefined);
  const count = serverImages.length + photos.length;

  return (
    <section className="page" aria-labelledby="sell-title">
      <h1 id="sell-title">{editId !== null ? t('sell.editTitle') : t('sell.title')}</h1>
      <form className="form" onSubmit={onSubmit} noValidate>
        <fieldset className="photos">
          <legend>
            {t('sell.photos')} <span className="muted">{t('sell.photoCount', { n: count })}</span>
          </legend>
          <ul className="photo-strip">
            <li>
              <label className="photo-add">
                <CameraIcon />
                <span>{t('sell.addPhotos')}</span>
                <input
                  ref={fileInput}
                  type="file"
                  accept={TYPES.join(',')}
                  multiple
                  className="sr-only"
                  disabled={count >= MAX_PHOTOS}
                  onChange={(e) => addFiles(e.target.files)}
                />
              </label>
            </li>
            {serverImages.map((img) => (
              <li key={`s${img.id}`} className="photo">
                <img src={img.thumbnailUrl} alt="" loading="lazy" />
                <button
                  type="button"
                  className="photo-remove"
                  aria-label={t('sell.removePhoto')}
                  onClick={() => removeServerImage.mutate(img)}
                >
                  ×
                </button>
              </li>
            ))}
            {photos.map((p, i) => (
              <li key={p.key} className="photo">
                <img src={p.preview} alt={p.file.name} />
                <div className="photo-tools">
                  <button
                    type="button"
                    aria-label={`${t('sell.moveLeft')}: ${p.file.name}`}
                    disabled={i === 0}
                    onClick={() => setPhotos((l) => move(l, i, -1))}
                  >
                    ◀
                  </button>
                  <button
                    type="button"
                    aria-label={`${t('sell.moveRight')}: ${p.file.name}`}
                    disabled={i === photos.length - 1}
                    onClick={() => setPhotos((l) => move(l, i, 1))}
                  >
                    ▶
                  </button>
                </div>
                <button
                  type="button"
                  className="photo-remove"
                  aria-label={`${t('sell.removePhoto')}: ${p.file.name}`}
                  onClick={() => {
                    URL.revokeObjectURL(p.preview);
                    setPhotos((l) => l.filter((x) => x.key !== p.key));
                  }}
                >
                  ×
                </button>
              </li>
            ))}
          </ul>
          {photoError && (
            <p className="inline-error" role="alert">
              {photoError}
            </p>
          )}
          <InlineError error={removeServerImage.error} />
        </fieldset>

        <label>
          {t('sell.fieldTitle')}
          <input
            value={title}
            maxLength={100}
            required
            onChange={(e) => setTitle(e.target.value)}
            aria-invalid={!!fieldErr('title')}
          />
        </label>
        {fieldErr('title') && <p className="inline-error">{fieldErr('title')}</p>}

        <label>
          {t('sell.fieldCategory')}
          <select value={category} required onChange={(e) => setCategory(e.target.value)}>
            <option value="">{t('sell.chooseCategory')}</option>
            {categories.data?.map((c) => (
              <option key={c.code} value={c.code}>
                {lang === 'en' ? c.nameEn : c.name}
              </option>
            ))}
          </select>
        </label>

        <div className="price-row">
          <label>
            {t('sell.fieldPrice')}
            <input
              inputMode="numeric"
              value={free ? '0' : priceText}
              disabled={free}
              onChange={(e) => setPriceText(e.target.value.replace(/[^\d]/g, ''))}
              aria-invalid={!!fieldErr('price')}
            />
          </label>
          <label className="check">
            <input type="checkbox" checked={free} onChange={(e) => setFree(e.target.checked)} />
            {t('sell.free')}
          </label>
          {!free && (
            <label className="check">
              <input type="checkbox" checked={negotiable} onChange={(e) => setNegotiable(e.target.checked)} />
              {t('sell.negotiable')}
            </label>
          )}
        </div>
        {fieldErr('price') && <p className="inline-error">{fieldErr('price')}</p>}

        <p className="sell-region">
          {t('sell.fieldRegion')}: <strong>{shownRegion || '—'}</strong>{' '}
          {editId === null && me.data && <VerifiedBadge at={me.data.regionVerifiedAt} />}
        </p>
        {editId === null && me.data && !me.data.regionVerifiedAt && (
          <p className="hint">
            {t('sell.verifyFirst')} <Link to="/my">{t('region.verify')} ›</Link>
          </p>
        )}

        <label>
          {t('sell.fieldDescription')}
          <textarea
            value={description}
            rows={6}
            maxLength={4000}
            required
            placeholder={t('sell.descriptionPlaceholder')}
            onChange={(e) => setDescription(e.target.value)}
          />
        </label>

        {progress !== null && (
          <div className="progress">
            <label>
              {t('sell.uploading', { p: Math.round(progress * 100) })}
              <progress max={100} value={Math.round(progress * 100)} />
            </label>
          </div>
        )}
        {formError && (
          <p className="inline-error" role="alert">
            {formError}
          </p>
        )}
        <button type="submit" className="btn btn-block" disabled={save.isPending}>
          {save.isPending ? t('sell.saving') : t('sell.submit')}
        </button>
      </form>
    </section>
  );
}
