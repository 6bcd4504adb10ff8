"""Stage 2 of the P-frame model: a cascade step runs with finite loss and gradients, its references
are the previous frames as decoded, and a 2-frame cascade is stage 1's computation exactly."""

import torch

from training import motion
from training.loop import rate_distortion
from training.model import LicImageModel
from training.pframe_model import from_image_weights
from training.train_pframe import drift, reference_and_prediction, train_cascade, validate_cascade

SIZE = 64
BLOCK = 16


def models():
    torch.manual_seed(0)
    intra = LicImageModel().eval()
    with torch.no_grad():
        intra.log_gain.add_(1.0)  # a fresh latent coder is near zero: make the output depend on the input
    for p in intra.parameters():
        p.requires_grad_(False)
    pframe = from_image_weights(intra.state_dict()).train()
    return intra, pframe


def moving_sequence(n, frames):
    """(n, frames, 3, SIZE, SIZE): a smooth random picture panning by 2 pixels a frame."""
    torch.manual_seed(1)
    base = torch.nn.functional.interpolate(torch.rand(n, 3, 16, 24), size=(SIZE, SIZE + 2 * frames),
                                           mode="bilinear", align_corners=False)
    return torch.stack([base[..., 2 * t:2 * t + SIZE] for t in range(frames)], dim=1).contiguous()


def test_a_cascade_step_is_finite_and_chains_decoded_frames():
    intra, pframe = models()
    seq, q = moving_sequence(2, 4), torch.tensor([2.0, 7.5])
    frames, me_seconds = train_cascade(pframe, intra, seq, q, BLOCK, 0.5, torch.Generator().manual_seed(0))
    assert len(frames) == 3 and me_seconds >= 0
    assert all(torch.isfinite(f.loss) and f.bpp.shape == (2,) for f in frames)
    grads = [p.grad for p in pframe.parameters() if p.grad is not None]
    assert grads and all(torch.isfinite(g).all() for g in grads)
    assert all(float(p.grad.abs().sum()) > 0 for p in (pframe.analysis_pred.weight, pframe.synthesis_half.out.weight))
    # Frame 2's prediction is a warp of frame 1 as decoded: every predicted value lies within the
    # range (widened by the drift's one level) of that decoded frame.
    with torch.no_grad():
        decoded = motion.to_8bit(pframe(frames[0].x, frames[0].pred, q, eval_mode=True)[0]).float()
    pred = frames[1].pred.mul(255).round()
    assert float(pred.min()) >= float(decoded.min()) - 1 and float(pred.max()) <= float(decoded.max()) + 1


def test_training_reconstruction_is_the_decoders():
    """The cascade takes the training forward's reconstruction as the next reference: straight-
    through rounding gives the true rounding's values, to float precision."""
    intra, pframe = models()
    seq, q = moving_sequence(2, 2), torch.tensor([3.0, 9.0])
    _, pred, _ = reference_and_prediction(intra, seq[:, 0], seq[:, 1], q, BLOCK)
    with torch.no_grad():
        trained = pframe(seq[:, 1], pred, q)[0]
        decoded = pframe(seq[:, 1], pred, q, eval_mode=True)[0]
    assert float((trained - decoded).abs().max()) < 1e-4


def test_two_frames_are_stage_one_exactly():
    intra, pframe = models()
    seq, q = moving_sequence(2, 2), torch.tensor([1.0, 5.5])
    torch.manual_seed(7)
    _, pred, _ = reference_and_prediction(intra, seq[:, 0], seq[:, 1], q, BLOCK)
    x_hat, bits_y, bits_z = pframe(seq[:, 1], pred, q)
    expected, _, _ = rate_distortion(seq[:, 1], x_hat, bits_y + bits_z, q)
    expected.backward()
    expected_grads = [p.grad.clone() for p in pframe.parameters()]
    pframe.zero_grad(set_to_none=True)
    torch.manual_seed(7)
    frames, _ = train_cascade(pframe, intra, seq, q, BLOCK, 0.0, None)
    assert len(frames) == 1 and torch.equal(frames[0].loss, expected.detach())
    assert all(torch.equal(a, p.grad) for a, p in zip(expected_grads, pframe.parameters()))


def test_drift_moves_values_by_at_most_one_level_in_the_chosen_samples():
    reference = torch.randint(0, 256, (64, 3, 8, 8), dtype=torch.uint8)
    reference[:, :, 0, 0] = 0
    reference[:, :, 0, 1] = 255
    drifted = drift(reference, 0.5, torch.Generator().manual_seed(0))
    diff = drifted.int() - reference.int()
    assert drifted.dtype == torch.uint8 and int(diff.abs().max()) == 1
    touched = (diff != 0).flatten(1).any(1)
    assert 16 < int(touched.sum()) < 48
    assert torch.equal(drift(reference, 0.0, None), reference)


def test_validation_cascade_reports_every_position():
    intra, pframe = models()
    rows = validate_cascade(pframe, intra, moving_sequence(1, 3), BLOCK)
    assert [(r[0], r[1]) for r in rows] == [(q, t) for q in (2, 5, 8) for t in (1, 2)]
    assert all(len(r) == 7 and all(v == v for v in r) for r in rows)
    assert pframe.training
