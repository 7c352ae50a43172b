import { InboxOutlined } from '@ant-design/icons';
import { Progress, Upload } from 'antd';
import type { UploadProps } from 'antd';
import type { ReactNode } from 'react';

/**
 * One file, picked by click or drag, with the upload's progress under it (roadshow decks, catalogue CSV imports).
 * The other props go to antd's `Upload.Dragger` (accept, beforeUpload, fileList…). No `percent` hides the bar;
 * below 100 it moves.
 */
export function FileDrop({ text, hint, percent, progressTestId, progressNote, ...dragger }: Omit<UploadProps, 'children'> & {
  text: ReactNode;
  hint?: ReactNode;
  percent?: number;
  progressTestId?: string;
  /** Shown under the bar, e.g. rows read so far. */
  progressNote?: ReactNode;
}) {
  return (
    <>
      <Upload.Dragger {...dragger}>
        <p className="ant-upload-drag-icon">
          <InboxOutlined />
        </p>
        <p className="ant-upload-text">{text}</p>
        {hint && <p className="ant-upload-hint">{hint}</p>}
      </Upload.Dragger>
      {percent !== undefined && (
        <div style={{ marginTop: 16 }} data-testid={progressTestId}>
          <Progress percent={percent} status={percent < 100 ? 'active' : 'success'} />
          {progressNote}
        </div>
      )}
    </>
  );
}
