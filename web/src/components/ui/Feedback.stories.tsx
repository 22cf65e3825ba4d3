import type { Meta, StoryObj } from '@storybook/react-vite';
import { Alert } from './Alert';
import { Button } from './Button';
import { EmptyState } from './EmptyState';

const meta = {
  title: 'UI/Alert',
  component: Alert,
  args: { tone: 'info', title: 'Check your email', children: 'We sent a link to mona@example.com.' },
  argTypes: { tone: { control: 'inline-radio', options: ['info', 'success', 'warning', 'error'] } },
} satisfies Meta<typeof Alert>;

export default meta;
type Story = StoryObj<typeof meta>;

export const Info: Story = {};
export const Success: Story = { args: { tone: 'success', title: 'Your email is confirmed.' } };
export const Warning: Story = { args: { tone: 'warning', title: 'Hidden', children: 'Only you and moderators can see this.' } };
export const ErrorTone: Story = {
  args: { tone: 'error', title: undefined, children: 'Too many attempts. Please try again in about 5 minutes.' },
};
export const Empty: Story = {
  render: () => (
    <EmptyState
      title="Your feed is quiet"
      description="Follow people to see their posts here."
      action={<Button>Find people to follow</Button>}
    />
  ),
};
