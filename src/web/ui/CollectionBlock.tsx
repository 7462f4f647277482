// The frame of a «Сбор данных» block on «НИКО»: the heading, the collection's title and its facts
// (manual §2 for an organization, §3 for those who watch collections); each role adds the rest.
import { type ComponentPropsWithoutRef, type ReactNode, useId } from 'react';
import { CollectionFacts, type CollectionFactsProps } from './CollectionFacts.js';

type Props = Omit<ComponentPropsWithoutRef<'section'>, 'title'> & {
  title: string;
  facts: CollectionFactsProps;
  /** Shown between the title and the facts («Отчет сдан…»). */
  notice?: ReactNode;
};

export function CollectionBlock({ title, facts, notice, className, children, ...section }: Props) {
  const headingId = useId();
  return (
    <section
      className={['panel collection-block', className].filter(Boolean).join(' ')}
      aria-labelledby={headingId}
      {...section}
    >
      <h2>Сбор данных</h2>
      <h3 id={headingId} className="collection-title">
        {title}
      </h3>
      {notice}
      <CollectionFacts {...facts} />
      {children}
    </section>
  );
}
