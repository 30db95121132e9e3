// The queue-order view's browser entry; the view itself lands with the queue-view work.
export {};
