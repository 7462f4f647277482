// TanStack Query defaults: never retry what the server refused on purpose (4xx).
import { QueryClient } from '@tanstack/react-query';
import { ApiError } from './api.js';

export function createQueryClient() {
  return new QueryClient({
    defaultOptions: {
      queries: {
        retry: (failures, error) => {
          if (error instanceof ApiError && error.status >= 400 && error.status < 500) return false;
          return failures < 2;
        },
        staleTime: 10_000,
      },
      mutations: { retry: false },
    },
  });
}
