import type { Meta, StoryObj } from '@storybook/react-vite';
import { Input } from './Input';

const meta = {
  title: 'UI/Input',
  component: Input,
  args: { label: 'Email', type: 'email', placeholder: 'name@example.com' },
} satisfies Meta<typeof Input>;

export default meta;
type Story = StoryObj<typeof meta>;

export const Default: Story = {};
export const WithHint: Story = { args: { label: 'Username', hint: '3–30 Latin or Arabic letters, digits or _.' } };
export const WithError: Story = { args: { label: 'Username', defaultValue: 'ab', error: 'Usernames are 3 to 30 characters.' } };
export const Arabic: Story = { args: { label: 'اسم المستخدم', defaultValue: 'منى_حسن', dir: 'auto' } };
