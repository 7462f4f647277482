// «Деактивировать» / «Активировать» with a confirmation that says what will happen.
import { useQueryClient } from '@tanstack/react-query';
import { type ReactNode, useState } from 'react';
import { Button } from '../../ui/Button.js';
import { ConfirmDialog } from '../../ui/ConfirmDialog.js';
import { DIRECTORY_KEY } from './queries.js';

type Props = {
  active: boolean;
  /** What is being switched, in the accusative: «организацию», «учётную запись». */
  what: string;
  /** What deactivation means for people, shown in the confirmation. */
  consequence: ReactNode;
  onToggle: (nextActive: boolean) => Promise<unknown>;
};

export function ActivationButton({ active, what, consequence, onToggle }: Props) {
  const queryClient = useQueryClient();
  const [confirming, setConfirming] = useState(false);
  const label = active ? 'Деактивировать' : 'Активировать';
  return (
    <>
      <Button variant={active ? 'danger' : 'secondary'} onClick={() => setConfirming(true)}>
        {label}
      </Button>
      {confirming && (
        <ConfirmDialog
          title={`${label} ${what}?`}
          confirmLabel={label}
          danger={active}
          onConfirm={() => onToggle(!active)}
          onDone={() => {
            setConfirming(false);
            void queryClient.invalidateQueries({ queryKey: [DIRECTORY_KEY] });
          }}
          onCancel={() => setConfirming(false)}
        >
          {active ? consequence : <p>Вход в систему снова станет возможен.</p>}
        </ConfirmDialog>
      )}
    </>
  );
}
