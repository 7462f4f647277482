// «Добавить участников»: the same selector as a new collection; organizations already taking part
// are left as they are, and the answer says how many were added.
import { type FormEvent, useId, useState } from 'react';
import type { collectionResponses } from '../../../shared/api/collections.js';
import type { Answer } from '../../../shared/api/common.js';
import { api } from '../../app/api.js';
import { Button } from '../../ui/Button.js';
import { Dialog } from '../../ui/Dialog.js';
import { ProblemMessage } from '../../ui/ProblemMessage.js';
import { ParticipantsFields } from './ParticipantsFields.js';
import { checkParticipants, EMPTY_PARTICIPANTS, participantsBody } from './participants.js';

type Props = { collectionId: number; onDone: (added: number) => void; onCancel: () => void };

export function AddParticipantsDialog({ collectionId, onDone, onCancel }: Props) {
  const formId = useId();
  const [participants, setParticipants] = useState(EMPTY_PARTICIPANTS);
  const [errors, setErrors] = useState<Record<string, string>>({});
  const [error, setError] = useState<unknown>(null);
  const [busy, setBusy] = useState(false);

  async function submit(event: FormEvent) {
    event.preventDefault();
    setError(null);
    const local = checkParticipants(participants);
    setErrors(local);
    if (Object.keys(local).length) return;
    setBusy(true);
    try {
      const { added } = await api.post<Answer<typeof collectionResponses.participantsAdded>>(
        `/api/collections/${collectionId}/participants`,
        participantsBody(participants),
      );
      onDone(added);
    } catch (err) {
      setError(err);
      setBusy(false);
    }
  }

  return (
    <Dialog
      title="Добавить участников"
      onCancel={onCancel}
      actions={
        <>
          <Button type="submit" form={formId} variant="primary" busy={busy}>
            Добавить
          </Button>
          <Button onClick={onCancel}>Отмена</Button>
        </>
      }
    >
      <form id={formId} onSubmit={submit} noValidate>
        <ParticipantsFields value={participants} onChange={setParticipants} errors={errors} />
      </form>
      <ProblemMessage error={error} />
    </Dialog>
  );
}
