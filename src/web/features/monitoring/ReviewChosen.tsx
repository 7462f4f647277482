// «Принять выбранные» and «Вернуть выбранные» in «Список участников»: the review dialog for the
// chosen rows (one transaction on the server: all of them or none).
import { useState } from 'react';
import { useCan } from '../../app/session.js';
import { Button } from '../../ui/Button.js';
import { ReviewDialog } from './ReviewDialog.js';

type Props = { responseIds: number[] };

export function ReviewChosen({ responseIds }: Props) {
  const mayReview = useCan('responses.review');
  const [reviewing, setReviewing] = useState<'accept' | 'return' | null>(null);
  const [done, setDone] = useState<string | null>(null);
  if (!mayReview) return null;
  const open = (decision: 'accept' | 'return') => {
    setDone(null);
    setReviewing(decision);
  };
  return (
    <>
      <Button onClick={() => open('accept')}>Принять выбранные</Button>
      <Button onClick={() => open('return')}>Вернуть выбранные</Button>
      {done ? (
        <span role="status" data-testid="review-chosen-done">
          {done}
        </span>
      ) : null}
      {reviewing ? (
        <ReviewDialog
          decision={reviewing}
          responseIds={responseIds}
          chosen
          onCancel={() => setReviewing(null)}
          onDone={(message) => {
            setReviewing(null);
            setDone(message);
          }}
        />
      ) : null}
    </>
  );
}
