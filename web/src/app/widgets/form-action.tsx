import { Button, Modal, Typography } from 'antd';
import type { ButtonProps } from 'antd';
import { type ReactNode, useState } from 'react';
import { ApiForm } from '../forms';

export interface FormActionProps<V, R> {
  label: ReactNode;
  title: ReactNode;
  testId: string;
  schema: string;
  submit(values: V, idempotencyKey: string): Promise<R>;
  onDone?(result: R): void;
  submitLabel?: ReactNode;
  successMessage?: string;
  initialValues?: Partial<V>;
  buttonProps?: ButtonProps;
  /** Shown above the fields: what the action does and what cannot be undone. */
  intro?: ReactNode;
  children: ReactNode;
}

/** A state change that needs input (a reference, a note, a reason): a button opening a dialog with an ApiForm. */
export function FormAction<V extends object, R>(props: FormActionProps<V, R>) {
  const [open, setOpen] = useState(false);
  return (
    <>
      <Button {...props.buttonProps} data-testid={props.testId} onClick={() => setOpen(true)}>
        {props.label}
      </Button>
      <Modal open={open} title={props.title} footer={null} onCancel={() => setOpen(false)} destroyOnHidden>
        {props.intro && <Typography.Paragraph>{props.intro}</Typography.Paragraph>}
        <ApiForm<V, R>
          schema={props.schema}
          testId={`${props.testId}-form`}
          initialValues={props.initialValues}
          submit={props.submit}
          submitLabel={props.submitLabel}
          successMessage={props.successMessage}
          onDone={(result) => {
            setOpen(false);
            props.onDone?.(result);
          }}
        >
          {props.children}
        </ApiForm>
      </Modal>
    </>
  );
}
