import { useId } from 'react';
import { useTranslation } from 'react-i18next';
import { Form } from 'react-router';
import { SearchIcon } from '@/components/ui/icons';

/** A GET form: submitting it navigates (client-side) to /search?q=..., the search page. */
export function SearchBox() {
  const { t } = useTranslation();
  const id = useId();
  return (
    <Form role="search" action="/search" method="get" className="relative">
      <label htmlFor={id} className="sr-only">
        {t('rail.search')}
      </label>
      <SearchIcon className="pointer-events-none absolute start-3 top-1/2 size-5 -translate-y-1/2 text-muted" />
      <input
        id={id}
        type="search"
        name="q"
        required
        maxLength={100}
        placeholder={t('rail.searchPlaceholder')}
        dir="auto"
        className="h-11 w-full rounded-full border border-border bg-surface-2 ps-10 pe-4 text-sm text-fg placeholder:text-muted focus:border-primary focus:outline-none"
      />
    </Form>
  );
}
