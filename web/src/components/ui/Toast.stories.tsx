import type { Meta, StoryObj } from '@storybook/react-vite';
import { Button } from './Button';
import { toast, Toaster } from './Toast';

const meta = {
  title: 'UI/Toast',
  component: Toaster,
} satisfies Meta<typeof Toaster>;

export default meta;
type Story = StoryObj<typeof meta>;

export const Tones: Story = {
  render: () => (
    <div className="flex flex-wrap gap-2">
      <Button variant="secondary" onClick={() => toast.info('Link copied.')}>
        Info
      </Button>
      <Button variant="secondary" onClick={() => toast.success('Posted.')}>
        Success
      </Button>
      <Button variant="secondary" onClick={() => toast.error("Can't reach Daira. Check your connection.")}>
        Error
      </Button>
      <Toaster />
    </div>
  ),
};
