import copy
import socket

import torch
import torch.distributed as dist
import torch.multiprocessing as mp
from torch import nn
from torch.distributed.device_mesh import init_device_mesh
from torch.distributed.fsdp import fully_shard

WORLD_SIZE, BATCH = 2, 32

torch.manual_seed(0)
inputs, targets = torch.randn(BATCH, 8), torch.randn(BATCH, 1)
model = nn.Sequential(nn.Linear(8, 16), nn.Tanh(), nn.Linear(16, 1))


def flat(tensors):
    return torch.cat([tensor.flatten() for tensor in tensors])


# One process, the whole batch: the clipped gradient that the shards must add up to.
single_process = copy.deepcopy(model)
nn.functional.mse_loss(single_process(inputs), targets).backward()
single_process_norm = flat(p.grad for p in single_process.parameters()).norm().item()
max_norm = single_process_norm / 2  # so that clipping changes the gradient
nn.utils.clip_grad_norm_(single_process.parameters(), max_norm)
single_process_grad = flat(p.grad for p in single_process.parameters())

with socket.socket() as probe:  # a free port on the loopback interface
    probe.bind(("127.0.0.1", 0))
    port = probe.getsockname()[1]

# What each rank reports, in memory the forked ranks share with this process.
clipped_grad_per_rank = torch.zeros(WORLD_SIZE, single_process_grad.numel()).share_memory_()
shard_norm_per_rank = torch.zeros(WORLD_SIZE).share_memory_()
norm_from_all_reduce = torch.zeros(WORLD_SIZE).share_memory_()
norm_from_clip_grad_norm = torch.zeros(WORLD_SIZE).share_memory_()
shard_sizes_per_rank = torch.zeros(WORLD_SIZE, 4, dtype=torch.long).share_memory_()


def rank_step(rank):
    torch.set_num_threads(1)  # the ranks share the machine's cores
    dist.init_process_group("gloo", init_method=f"tcp://127.0.0.1:{port}",
                            rank=rank, world_size=WORLD_SIZE)
    sharded_model = copy.deepcopy(model)
    # FSDP2: each parameter becomes a DTensor; this rank keeps rows of dim 0.
    fully_shard(sharded_model, mesh=init_device_mesh("cpu", (WORLD_SIZE,)))
    shard = slice(rank * BATCH // WORLD_SIZE, (rank + 1) * BATCH // WORLD_SIZE)
    nn.functional.mse_loss(sharded_model(inputs[shard]), targets[shard]).backward()
    # backward() reduce-scatters: each rank holds the mean gradient of its own shard only.
    local_shards = [p.grad.to_local() for p in sharded_model.parameters()]
    shard_sizes_per_rank[rank] = torch.tensor([shard.numel() for shard in local_shards])
    squared_norm = flat(local_shards).pow(2).sum()
    shard_norm_per_rank[rank] = squared_norm.sqrt()
    # The reduction the global norm needs, by hand: sum the squared shard norms.
    dist.all_reduce(squared_norm)
    norm_from_all_reduce[rank] = squared_norm.sqrt()
    # The framework's way: on DTensor gradients clip_grad_norm_ does that all-reduce
    # itself and returns the global norm (a DTensor, replicated on every rank).
    total_norm = nn.utils.clip_grad_norm_(sharded_model.parameters(), max_norm)
    norm_from_clip_grad_norm[rank] = total_norm.full_tensor()
    clipped_grad_per_rank[rank] = flat(p.grad.full_tensor() for p in sharded_model.parameters())
    dist.destroy_process_group()


# Each rank is a forked copy of this process that runs rank_step. The "spawn" start
# method (torch.multiprocessing.spawn) would start fresh interpreters that import this
# file again, which only works behind an `if __name__ == "__main__":` guard; "fork"
# needs none, and the ranks inherit torch already imported. (fork is for CPU ranks:
# a process that has used CUDA cannot fork CUDA-using children.)
mp.start_processes(rank_step, nprocs=WORLD_SIZE, start_method="fork")

shard_sizes_per_rank = shard_sizes_per_rank.tolist()
shard_norm_per_rank = shard_norm_per_rank.tolist()
norm_from_all_reduce = norm_from_all_reduce.tolist()
norm_from_clip_grad_norm = norm_from_clip_grad_norm.tolist()
ranks_agree = torch.equal(clipped_grad_per_rank[0], clipped_grad_per_rank[1])
fsdp_error = ((clipped_grad_per_rank[0] - single_process_grad).norm()
              / single_process_grad.norm()).item()
print(f"one process: norm {single_process_norm:.4f}, clipped to {max_norm:.4f}")
print(f"elements per shard of each parameter, per rank: {shard_sizes_per_rank}")
print(f"norm of each rank's shard {shard_norm_per_rank}; after the all-reduce "
      f"{norm_from_all_reduce}; clip_grad_norm_ returned {norm_from_clip_grad_norm}")
print(f"clipped gradients: ranks agree {ranks_agree}, relative error vs one process "
      f"{fsdp_error:.1e}")
assert all(shard_norm < single_process_norm for shard_norm in shard_norm_per_rank)
for norm in norm_from_all_reduce + norm_from_clip_grad_norm:
    assert abs(norm - single_process_norm) < 1e-5 * single_process_norm
assert ranks_agree
assert fsdp_error < 1e-5
