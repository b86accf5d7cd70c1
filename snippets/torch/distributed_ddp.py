import copy
import socket

import torch
import torch.distributed as dist
import torch.multiprocessing as mp
from torch import nn
from torch.nn.parallel import DistributedDataParallel

WORLD_SIZE, BATCH = 2, 32

torch.manual_seed(0)
inputs, targets = torch.randn(BATCH, 8), torch.randn(BATCH, 1)
model = nn.Sequential(nn.Linear(8, 16), nn.Tanh(), nn.Linear(16, 1))


def flat_grad(model):
    return torch.cat([parameter.grad.flatten() for parameter in model.parameters()])


# One process, the whole batch: the clipped gradient that every rank must end up with.
single_process = copy.deepcopy(model)
nn.functional.mse_loss(single_process(inputs), targets).backward()
single_process_norm = flat_grad(single_process).norm().item()
max_norm = single_process_norm / 2  # so that clipping changes the gradient
nn.utils.clip_grad_norm_(single_process.parameters(), max_norm)
single_process_grad = flat_grad(single_process)

# A free port on the loopback interface, where the ranks meet.
with socket.socket() as probe:
    probe.bind(("127.0.0.1", 0))
    port = probe.getsockname()[1]

# What each rank reports, in memory the forked ranks share with this process.
clipped_grad_per_rank = torch.zeros(WORLD_SIZE, single_process_grad.numel()).share_memory_()
norm_seen_by_rank = torch.zeros(WORLD_SIZE).share_memory_()
local_norm_per_rank = torch.zeros(WORLD_SIZE).share_memory_()
clip_before_all_reduce_grad = torch.zeros(single_process_grad.numel()).share_memory_()
sync_batchnorm_refused = torch.zeros(WORLD_SIZE, dtype=torch.bool).share_memory_()


def rank_step(rank):
    torch.set_num_threads(1)  # the ranks share the machine's cores
    dist.init_process_group("gloo", init_method=f"tcp://127.0.0.1:{port}",
                            rank=rank, world_size=WORLD_SIZE)
    shard = slice(rank * BATCH // WORLD_SIZE, (rank + 1) * BATCH // WORLD_SIZE)

    # DDP: backward() all-reduces the gradients, so each rank holds their mean.
    ddp_model = DistributedDataParallel(copy.deepcopy(model))
    nn.functional.mse_loss(ddp_model(inputs[shard]), targets[shard]).backward()
    norm_seen_by_rank[rank] = nn.utils.clip_grad_norm_(ddp_model.parameters(), max_norm)
    clipped_grad_per_rank[rank] = flat_grad(ddp_model)

    # The mistake DDP prevents: clip the rank's own gradient, then average.
    local_model = copy.deepcopy(model)
    nn.functional.mse_loss(local_model(inputs[shard]), targets[shard]).backward()
    local_norm_per_rank[rank] = nn.utils.clip_grad_norm_(local_model.parameters(), max_norm)
    local_grad = flat_grad(local_model)
    dist.all_reduce(local_grad)  # sum over the ranks
    if rank == 0:
        clip_before_all_reduce_grad.copy_(local_grad / WORLD_SIZE)

    # SyncBatchNorm (batch statistics over all ranks) is for GPU ranks only.
    with_sync_batchnorm = nn.SyncBatchNorm.convert_sync_batchnorm(nn.Sequential(nn.BatchNorm1d(8)))
    try:
        DistributedDataParallel(with_sync_batchnorm)
    except ValueError as error:  # "SyncBatchNorm layers only work with GPU modules"
        sync_batchnorm_refused[rank] = "GPU" in str(error)
    dist.destroy_process_group()


# Each rank is a forked copy of this process that runs rank_step. The "spawn" start
# method (torch.multiprocessing.spawn) would start fresh interpreters that import this
# file again, which only works behind an `if __name__ == "__main__":` guard; "fork"
# needs none, and the ranks inherit torch already imported. (fork is for CPU ranks:
# a process that has used CUDA cannot fork CUDA-using children.)
mp.start_processes(rank_step, nprocs=WORLD_SIZE, start_method="fork")

ranks_agree = torch.equal(clipped_grad_per_rank[0], clipped_grad_per_rank[1])
ddp_error = ((clipped_grad_per_rank[0] - single_process_grad).norm()
             / single_process_grad.norm()).item()
clip_before_all_reduce_error = ((clip_before_all_reduce_grad - single_process_grad).norm()
                                / single_process_grad.norm()).item()
norm_seen_by_rank, local_norm_per_rank = norm_seen_by_rank.tolist(), local_norm_per_rank.tolist()
print(f"one process: norm {single_process_norm:.4f}, clipped to {max_norm:.4f}")
print(f"DDP: norm seen by each rank {norm_seen_by_rank}, ranks agree: {ranks_agree}, "
      f"relative error vs one process {ddp_error:.1e}")
print(f"clipping each rank's own gradient (norms {local_norm_per_rank}) before averaging: "
      f"relative error {clip_before_all_reduce_error:.2f}")
assert ranks_agree
assert all(abs(norm - single_process_norm) < 1e-5 * single_process_norm
           for norm in norm_seen_by_rank)
assert ddp_error < 1e-5
assert clip_before_all_reduce_error > 0.05
assert sync_batchnorm_refused.all()  # on CPU ranks, DDP refuses SyncBatchNorm
