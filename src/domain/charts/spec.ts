/**
 * A chart as neutral data: what the .docx writer draws as a native Word chart, the Google Doc writer as an image
 * and the ダッシュボード as a Sheets chart. The series are figures of the report model (src/domain/report),
 * never computed a second time.
 */
import type { YearMonth } from '../dates';

export type ChartId = 'pdHours' | 'expertUses' | 'minutes' | 'targets';

export interface ChartSeries {
  readonly name: string;
  /** One value per category; null where there is nothing to draw (a month still ahead, or before the start). */
  readonly values: readonly (number | null)[];
  /** How the series is drawn: a month-by-month cap over columns is a line (Word's combo chart). */
  readonly draw: 'line' | 'column';
  /** A budget, cap or target rather than an actual figure: dashed when a line. */
  readonly reference: boolean;
  /** 6-digit hex colour, the same in every writer. */
  readonly color: string;
}

export interface ChartSpec {
  readonly id: ChartId;
  readonly title: string;
  /** line: lines over the months; column: side-by-side columns; stacked: columns stacked per category. */
  readonly kind: 'line' | 'column' | 'stacked';
  readonly categoryTitle: string;
  readonly valueTitle: string;
  readonly categories: readonly string[];
  /** The month of each category, for month-by-month charts (else empty). */
  readonly months: readonly YearMonth[];
  readonly series: readonly ChartSeries[];
  /** The value axis always starts at 0 (readers auto-scale otherwise); whole-number steps for counts. */
  readonly valueAxis: { readonly min: 0; readonly max: number | null; readonly step: number | null };
  /** Values written on the columns. */
  readonly dataLabels: boolean;
  /** A sentence for screen readers, with the latest figures. */
  readonly description: string;
  /** Why the chart cannot be drawn (its tab or column is missing), or null. A chart is never drawn from zeros. */
  readonly unavailable: string | null;
}
