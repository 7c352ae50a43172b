import { ApiError, FieldProblem, tokens } from '../../app/api';

/**
 * Sends one file as multipart/form-data with upload progress, which fetch cannot report. Uses the
 * portal's session (tokens.current) and throws the API's error body as ApiError, like api.post.
 */
export async function uploadWithProgress<T>(path: string, field: string, file: File, idempotencyKey: string, onProgress: (percent: number) => void): Promise<T> {
  const token = await tokens.current();
  const body = new FormData();
  body.append(field, file, file.name);
  return new Promise<T>((resolve, reject) => {
    const xhr = new XMLHttpRequest();
    xhr.open('POST', `/api/v1${path}`);
    xhr.setRequestHeader('Accept', 'application/json');
    xhr.setRequestHeader('Idempotency-Key', idempotencyKey);
    if (token) xhr.setRequestHeader('Authorization', `Bearer ${token}`);
    xhr.upload.onprogress = (e) => {
      if (e.lengthComputable) onProgress(Math.min(99, Math.floor((e.loaded / e.total) * 100)));
    };
    xhr.onerror = () => reject(new ApiError(0, 'NETWORK', 'network'));
    xhr.onload = () => {
      let data: unknown;
      try {
        data = xhr.responseText ? JSON.parse(xhr.responseText) : undefined;
      } catch {
        data = undefined;
      }
      if (xhr.status >= 200 && xhr.status < 300) {
        onProgress(100);
        resolve(data as T);
        return;
      }
      const err = (data ?? {}) as { code?: string; message?: string; details?: FieldProblem[] };
      if (xhr.status === 401) tokens.clear();
      reject(new ApiError(xhr.status, err.code ?? `HTTP_${xhr.status}`, err.message ?? xhr.statusText, err.details));
    };
    xhr.send(body);
  });
}
