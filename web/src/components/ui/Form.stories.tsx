import type { Meta, StoryObj } from '@storybook/react-vite';
import { Checkbox } from './Checkbox';
import { Select } from './Select';

const meta = {
  title: 'UI/Checkbox and Select',
  component: Checkbox,
  args: { label: 'I accept the terms of use and community rules.' },
} satisfies Meta<typeof Checkbox>;

export default meta;
type Story = StoryObj<typeof meta>;

export const CheckboxDefault: Story = {};
export const CheckboxWithError: Story = { args: { error: 'Please accept the terms to continue.' } };
export const SelectRole: Story = {
  render: () => (
    <Select label="Role" defaultValue="moderator" className="w-48">
      <option value="user">User</option>
      <option value="moderator">Moderator</option>
      <option value="admin">Admin</option>
    </Select>
  ),
};
