// What the workbench reads of the task list (`GET /api/tasks`) and a task (`GET /api/tasks/{key}`).
import type { TaskFormAnswer } from './form-fields';

export interface TaskItem {
  key: string;
  elementId: string;
  name: string;
  processDefinitionId: string;
  candidateGroups: string[];
  roles: string[];
  assignee: string | null;
  createdAt: string;
  dueDate: string | null;
  overdue: boolean;
  formKey: string | null;
  requestId: string | null;
  request: { id: string; text: string; township: string | null; village: string | null; status: string; level: string | null; deadline: string | null; overdue: boolean } | null;
}

export interface TaskDetail {
  task: TaskItem;
  canWork: boolean;
  cannotWorkBecause: string | null;
  form: TaskFormAnswer | null;
  variables: Record<string, unknown>;
  request: {
    id: string;
    channel: string;
    text: string;
    townshipId: string;
    villageId: string | null;
    status: string;
    level: string | null;
    deadline: string | null;
    citizen: { name?: string | null; phone?: string | null; address?: string | null } | null;
  } | null;
}
