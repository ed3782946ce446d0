import { useI18n } from '../i18n';

/**
 * Open-source notices. The 행정동 list (product/regions/regions.csv) is CC BY 4.0 / KOGL type 1: its attribution must
 * ship with the app (product/regions/SOURCE.md).
 */
export default function LicensesPage() {
  const { t } = useI18n();
  return (
    <section className="page" aria-labelledby="licenses-title">
      <h1 id="licenses-title">{t('licenses.title')}</h1>
      <h2>{t('licenses.regions')}</h2>
      <p lang="ko">
        본 데이터는 통계청 통계지리정보서비스(SGIS, https://sgis.kostat.go.kr)에서 공공누리 제1유형으로 개방한 행정동
        경계를 가공한 것이며(가공: vuski/admdongkor, https://github.com/vuski/admdongkor), CC BY 4.0으로 배포됩니다.
      </p>
      <p lang="en">
        This data is derived from administrative-dong boundaries released by Statistics Korea SGIS
        (https://sgis.kostat.go.kr) under KOGL Type 1, modified by vuski/admdongkor
        (https://github.com/vuski/admdongkor), distributed under CC BY 4.0
        (https://creativecommons.org/licenses/by/4.0/).
      </p>
      <p lang="en" className="muted small">
        regions.csv: centroids and 행정동 list derived from vuski/admdongkor; changes: filtered to 행정동 active at
        2023-12-31, reprojected EPSG:5179→WGS84.
      </p>
    </section>
  );
}
