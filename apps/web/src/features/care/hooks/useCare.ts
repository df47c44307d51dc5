import { keepPreviousData, useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { api, unwrap } from '../../../api/client';
import type { BodyOf } from '../../../api/types';
import type { ExceptionQuery, OrderQuery, PlanBody, ResolveBody } from '../types';

export const careKeys = { all: ['care'] as const };

const useInvalidate = () => {
  const queryClient = useQueryClient();
  return () => queryClient.invalidateQueries({ queryKey: careKeys.all });
};

export function useServices() {
  return useQuery({ queryKey: [...careKeys.all, 'services'], queryFn: () => unwrap(api.GET('/api/care/services')) });
}

export function useProviders() {
  return useQuery({ queryKey: [...careKeys.all, 'providers'], queryFn: () => unwrap(api.GET('/api/care/providers')) });
}

export function useOrders(query: OrderQuery) {
  return useQuery({ queryKey: [...careKeys.all, 'orders', query], queryFn: () => unwrap(api.GET('/api/care/orders', { params: { query } })), placeholderData: keepPreviousData });
}

export function useOrder(id: string | null) {
  return useQuery({
    queryKey: [...careKeys.all, 'order', id],
    queryFn: () => unwrap(api.GET('/api/care/orders/{id}', { params: { path: { id: id! } } })),
    enabled: Boolean(id),
  });
}

export function useExceptions(query: ExceptionQuery) {
  return useQuery({ queryKey: [...careKeys.all, 'exceptions', query], queryFn: () => unwrap(api.GET('/api/care/exceptions', { params: { query } })), placeholderData: keepPreviousData });
}

export function usePlans(query: { page: number; pageSize: number; q?: string; providerId?: string; status?: 'active' | 'ended' }) {
  return useQuery({ queryKey: [...careKeys.all, 'plans', query], queryFn: () => unwrap(api.GET('/api/care/plans', { params: { query } })), placeholderData: keepPreviousData });
}

export function useSupervision(query: { jurisdictionId?: string; from?: string; to?: string }) {
  return useQuery({ queryKey: [...careKeys.all, 'supervision', query], queryFn: () => unwrap(api.GET('/api/care/supervision', { params: { query } })), placeholderData: keepPreviousData });
}

export function useStaff(providerId: string | null) {
  return useQuery({
    queryKey: [...careKeys.all, 'staff', providerId],
    queryFn: () => unwrap(api.GET('/api/care/providers/{id}/staff', { params: { path: { id: providerId! } } })),
    enabled: Boolean(providerId),
  });
}

export function useDispatch() {
  const invalidate = useInvalidate();
  return useMutation({
    mutationFn: ({ id, body }: { id: string; body: { version: number; caregiverId: string; scheduledAt?: string } }) =>
      unwrap(api.POST('/api/care/orders/{id}/dispatch', { params: { path: { id } }, body })),
    onSuccess: invalidate,
  });
}

export function useCancel() {
  const invalidate = useInvalidate();
  return useMutation({
    mutationFn: ({ id, body }: { id: string; body: { version: number; reason: string } }) => unwrap(api.POST('/api/care/orders/{id}/cancel', { params: { path: { id } }, body })),
    onSuccess: invalidate,
  });
}

export function useResolve() {
  const invalidate = useInvalidate();
  return useMutation({
    mutationFn: ({ id, body }: { id: string; body: ResolveBody }) => unwrap(api.POST('/api/care/exceptions/{id}/resolve', { params: { path: { id } }, body })),
    onSuccess: invalidate,
  });
}

export function useCreatePlan() {
  const invalidate = useInvalidate();
  return useMutation({ mutationFn: (body: PlanBody) => unwrap(api.POST('/api/care/plans', { body })), onSuccess: invalidate });
}

export function useGenerate() {
  const invalidate = useInvalidate();
  return useMutation({ mutationFn: (id: string) => unwrap(api.POST('/api/care/plans/{id}/generate', { params: { path: { id } } })), onSuccess: invalidate });
}

export function useCreateProvider() {
  const invalidate = useInvalidate();
  return useMutation({
    mutationFn: (body: { organizationId: string; serviceAreaIds: string[]; toleranceM?: number; minDurationShare?: number }) => unwrap(api.POST('/api/care/providers', { body: body as never })),
    onSuccess: invalidate,
  });
}

export function useAddStaff() {
  const invalidate = useInvalidate();
  return useMutation({
    mutationFn: ({ id, body }: { id: string; body: { userId: string; kind: 'caregiver' | 'dispatcher' } }) => unwrap(api.POST('/api/care/providers/{id}/staff', { params: { path: { id } }, body })),
    onSuccess: invalidate,
  });
}

export function useEndPlan() {
  const invalidate = useInvalidate();
  return useMutation({
    mutationFn: ({ id, body }: { id: string; body: { version: number; endOn: string; reason: string } }) => unwrap(api.POST('/api/care/plans/{id}/end', { params: { path: { id } }, body })),
    onSuccess: invalidate,
  });
}

export function useUpsertService() {
  const invalidate = useInvalidate();
  return useMutation({ mutationFn: (body: BodyOf<'/api/care/services', 'post'>) => unwrap(api.POST('/api/care/services', { body })), onSuccess: invalidate });
}

export function useUpdateProvider() {
  const invalidate = useInvalidate();
  return useMutation({
    mutationFn: ({ id, body }: { id: string; body: BodyOf<'/api/care/providers/{id}', 'patch'> }) => unwrap(api.PATCH('/api/care/providers/{id}', { params: { path: { id } }, body })),
    onSuccess: invalidate,
  });
}
